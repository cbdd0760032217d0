using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MannRl.Engine.Kernels;

/// <summary>
/// <see cref="MathF.Exp"/> four lanes at a time, bit for bit: on Linux x64 MathF.Exp is glibc's expf, whose FMA
/// variant computes in double from a 32-entry table of 2^(i/32) and a degree-3 polynomial; this is the same sequence of
/// double operations (the same fused multiply-adds, the same table) in AVX2 lanes. The narrow softmax, 11 calls per
/// row, spent more on the calls than on the rest of the layer. Inputs outside glibc's fast path (NaN, x ≥ 88, x just above its underflow bound) go to
/// MathF.Exp itself. <see cref="Exact"/> checks the lanes against MathF.Exp on this machine's libm at start-up; where
/// they differ (another libm, no FMA) callers use MathF.Exp.
/// </summary>
internal static class GlibcExpf
{
    // glibc's __exp2f_data (sysdeps/ieee754/flt-32/e_exp2f_data.c, EXP2F_TABLE_BITS = 5): tab[i] = bits(2^(i/32)) − (i << 47).
    private static readonly ulong[] Table =
    [
        0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51,
        0x3fef72b83c7d517b, 0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1,
        0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
        0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585,
        0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
        0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
        0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069,
        0x3fef5818dcfba487, 0x3fef7c97337b9b5f, 0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
    ];

    private static readonly double InvLn2N = BitConverter.UInt64BitsToDouble(0x40471547652b82fe); // 32 / ln 2
    private static readonly double C0 = BitConverter.UInt64BitsToDouble(0x3ebc6af84b912394);
    private static readonly double C1 = BitConverter.UInt64BitsToDouble(0x3f2ebfce50fac4f3);
    private static readonly double C2 = BitConverter.UInt64BitsToDouble(0x3f962e42ff0c52d6);
    private static readonly double Shift = BitConverter.UInt64BitsToDouble(0x4338000000000000); // 1.5 · 2^52

    /// <summary>Inputs below this give +0; glibc reaches that 0 through its underflow handler (errno, a thread-local lookup).</summary>
    private const float Underflow = -103.972076f; // -0x1.9fe368p6: ln 2^-150

    /// <summary>From here up glibc takes the computation above (its own bound is -103.28, where results start to underflow).</summary>
    private const float FastFrom = -103f;

    /// <summary>Whether <see cref="Exp"/>'s lanes are bit-identical to MathF.Exp here (checked once on a spread of inputs).</summary>
    public static readonly bool Exact = Avx2.IsSupported && Fma.IsSupported && SelfCheck();

    /// <summary>y[j] = MathF.Exp(x[j]), bit for bit; may run in place. Requires <see cref="Exact"/>.</summary>
    public static unsafe void Exp(ReadOnlySpan<float> x, Span<float> y)
    {
        if (y.Length < x.Length) throw new ArgumentException($"exp: {x.Length} inputs, {y.Length} outputs");
        int n = x.Length, j = 0;
        fixed (float* xs = x, ys = y)
        fixed (ulong* table = Table)
        {
            for (; j <= n - 4; j += 4) Lanes(Vector128.Load(xs + j), table).Store(ys + j);
            if (j < n)
            {
                float* pad = stackalloc float[4];
                for (int q = 0; q < 4; q++) pad[q] = j + q < n ? xs[j + q] : 0f;
                var e = Lanes(Vector128.Load(pad), table);
                for (int q = 0; j + q < n; q++) ys[j + q] = e.GetElement(q);
            }
        }
    }

    /// <summary>MathF.Exp with the underflow handler skipped (same +0).</summary>
    public static float Scalar(float x) => x < Underflow ? 0f : MathF.Exp(x);

    private static unsafe Vector128<float> Lanes(Vector128<float> x, ulong* table)
    {
        // glibc's fast path, operation for operation (e_expf.c as compiled into __expf_fma).
        var xd = Avx.ConvertToVector256Double(x);
        var kd = Vector256.FusedMultiplyAdd(Vector256.Create(InvLn2N), xd, Vector256.Create(Shift));
        var ki = kd.AsUInt64();
        kd -= Vector256.Create(Shift);
        var r = Vector256.FusedMultiplyAdd(Vector256.Create(InvLn2N), xd, -kd);
        var idx = (ki & Vector256.Create(31UL)).AsInt64();
        var t = (ki << 47) + Avx2.GatherVector256(table, idx, 8);
        var s = t.AsDouble();
        var z = Vector256.FusedMultiplyAdd(r, Vector256.Create(C0), Vector256.Create(C1));
        var r2 = r * r;
        var y = Vector256.FusedMultiplyAdd(r, Vector256.Create(C2), Vector256<double>.One);
        y = Vector256.FusedMultiplyAdd(z, r2, y) * s;
        var e = Avx.ConvertToVector128Single(y);
        // glibc computes the same for -103.28 ≤ x < 88.72 and returns +0 below ln 2^-150 (common in a confident
        // softmax); the rest (near those bounds, NaN) is MathF.Exp's, element by element.
        var underflow = Vector128.LessThan(x, Vector128.Create(Underflow));
        e = Vector128.ConditionalSelect(underflow, Vector128<float>.Zero, e);
        var fast = Vector128.GreaterThanOrEqual(x, Vector128.Create(FastFrom)) & Vector128.LessThan(x, Vector128.Create(88f));
        var slow = ~(fast | underflow);
        if (slow != Vector128<float>.Zero)
        {
            for (int q = 0; q < 4; q++)
                if (slow.AsInt32().GetElement(q) != 0) e = e.WithElement(q, Scalar(x.GetElement(q)));
        }
        return e;
    }

    private static bool SelfCheck()
    {
        // A grid over the fast path and both edges, plus pseudo-random bit patterns of every sign and exponent.
        var xs = new List<float>();
        for (float v = -110f; v <= 95f; v += 0.0137f) xs.Add(v);
        var rng = new Random(20261130);
        for (int i = 0; i < 20000; i++) xs.Add(BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31)));
        xs.AddRange([0f, -0f, 1e-45f, -1e-45f, float.Epsilon, 88f, -88f, 87.99f, -87.99f, -103.28f, -103.3f, float.NaN,
            float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue]);
        var input = xs.ToArray();
        var got = new float[input.Length];
        Exp(input, got);
        for (int i = 0; i < input.Length; i++)
        {
            float want = MathF.Exp(input[i]);
            if (BitConverter.SingleToInt32Bits(want) != BitConverter.SingleToInt32Bits(got[i]) && !(float.IsNaN(want) && float.IsNaN(got[i])))
                return false;
        }
        return true;
    }
}
