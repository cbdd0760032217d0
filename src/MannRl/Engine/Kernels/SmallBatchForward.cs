using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MannRl.Engine.Parallel;

namespace MannRl.Engine.Kernels;

/// <summary>
/// A Linear forward Y = b + X·Wᵀ for a batch of at most 16 rows that reads W (out x in) row-major in place, so no
/// transposed copy of W has to be rebuilt after each optimizer step (for a 475-wide layer that rebuild cost as much
/// as the product). The 16 rows are one 512-bit vector: Xᵀ (in x 16) is the streamed operand and each weight is
/// broadcast. Each element is still b[j] followed by fma(X[i,p], W[j,p], ·) for p = 0..in-1 in order, the
/// <see cref="Gemm"/> contract, so the result is bit-identical to the transposed-weight product.
/// </summary>
[SkipLocalsInit]
internal static class SmallBatchForward
{
    /// <summary>Most rows: one 512-bit vector of floats.</summary>
    public const int MaxRows = 16;

    /// <summary>Outputs computed together: eight independent FMA chains cover the FMA latency.</summary>
    private const int Outputs = 8;

    /// <summary>
    /// Weights of at most this many values take this path even when a current Wᵀ exists: up to this size packing the
    /// batch for <see cref="Gemm"/> costs more than it saves (docs/benchmarks.md, "Engine thresholds").
    /// </summary>
    public const int AlwaysBelow = 1 << 15;

    /// <summary>Whether this path runs on this machine (it needs 512-bit vectors and the best GEMM kernel family).</summary>
    public static bool Available => Gemm.Kernel == GemmKernelKind.Vector512;

    /// <summary>Floats of scratch a call needs for <paramref name="inFeatures"/> x <paramref name="outFeatures"/>.</summary>
    public static int ScratchLength(int inFeatures, int outFeatures) => MaxRows * (inFeatures + outFeatures);

    /// <summary>
    /// y (x.Rows x out) = bias + x·Wᵀ with <paramref name="weight"/> row-major (out x in); <paramref name="scratch"/>
    /// holds <see cref="ScratchLength"/> floats (Xᵀ, then Yᵀ). Requires <see cref="Available"/> and at most
    /// <see cref="MaxRows"/> rows.
    /// </summary>
    public static unsafe void Run(Compute compute, Matrix x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Matrix y, Span<float> scratch)
    {
        int rows = x.Rows, k = x.Cols, n = y.Cols;
        if (rows > MaxRows || y.Rows != rows || bias.Length < n || weight.Length < n * k || scratch.Length < ScratchLength(k, n))
            throw new ArgumentException($"small-batch forward: x {rows}x{k}, y {y.Rows}x{n}, weight {weight.Length}, scratch {scratch.Length}");
        fixed (float* xs = x.Data, w = weight, b = bias, s = scratch, ys = y.Data)
        {
            float* xt = s, yt = s + MaxRows * k;
            float* xp = xs + x.Offset;
            // Xᵀ with one 16-float row per input feature; rows past the batch are zero (computed, then dropped).
            if (rows == MaxRows && x.IsContiguous) Transpose.Run(x.AsSpan(), MaxRows, k, scratch);
            else for (int p = 0; p < k; p++)
            {
                float* d = xt + p * MaxRows;
                int r = 0;
                for (; r < rows; r++) d[r] = xp[r * x.Stride + p];
                for (; r < MaxRows; r++) d[r] = 0f;
            }

            // Outputs are independent: wide layers spread them over threads (ranges of multiples of 16 outputs).
            var job = new OutputsJob { Xt = xt, W = w, K = k, B = b, Yt = yt };
            ElementwiseTasks.Run(compute, &RunOutputs, &job, n, (int)Math.Max(Gemm.WorkPerThread / (MaxRows * (long)k), 1));

            // Yᵀ (out x 16) back to the batch's rows.
            float* yp = ys + y.Offset;
            if (rows == MaxRows && y.IsContiguous) Transpose.Run(scratch.Slice(MaxRows * k, MaxRows * n), n, MaxRows, y.AsSpan());
            else for (int r = 0; r < rows; r++)
            {
                float* d = yp + r * y.Stride;
                for (int c = 0; c < n; c++) d[c] = yt[c * MaxRows + r];
            }
        }
    }

    private unsafe struct OutputsJob
    {
        public float* Xt, W, B, Yt;
        public int K;
    }

    // Outputs [start, end) into Yᵀ: eight at a time, the last 1-7 as chains of four (the missing ones repeat the range's
    // last output, stored over it again): one dependent chain per output would wait on the FMA latency.
    private static unsafe void RunOutputs(void* state, int start, int end)
    {
        ref var s = ref *(OutputsJob*)state;
        float* xt = s.Xt, w = s.W, b = s.B, yt = s.Yt;
        int k = s.K, j = start;
        for (; j <= end - Outputs; j += Outputs) Block8(xt, w + j * k, k, b + j, yt + j * MaxRows);
        for (; j < end; j += 4)
        {
            int last = end - 1;
            int j1 = Math.Min(j + 1, last), j2 = Math.Min(j + 2, last), j3 = Math.Min(j + 3, last);
            Block4(xt, w, k, b, yt, j, j1, j2, j3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Block8(float* xt, float* w, int k, float* b, float* yt)
    {
        float* w1 = w + k, w2 = w1 + k, w3 = w2 + k, w4 = w3 + k, w5 = w4 + k, w6 = w5 + k, w7 = w6 + k;
        var c0 = Vector512.Create(b[0]); var c1 = Vector512.Create(b[1]);
        var c2 = Vector512.Create(b[2]); var c3 = Vector512.Create(b[3]);
        var c4 = Vector512.Create(b[4]); var c5 = Vector512.Create(b[5]);
        var c6 = Vector512.Create(b[6]); var c7 = Vector512.Create(b[7]);
        for (int p = 0; p < k; p++)
        {
            var xv = Vector512.Load(xt + p * MaxRows);
            c0 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w[p]), c0);
            c1 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w1[p]), c1);
            c2 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w2[p]), c2);
            c3 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w3[p]), c3);
            c4 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w4[p]), c4);
            c5 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w5[p]), c5);
            c6 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w6[p]), c6);
            c7 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w7[p]), c7);
        }
        c0.Store(yt); c1.Store(yt + MaxRows); c2.Store(yt + 2 * MaxRows); c3.Store(yt + 3 * MaxRows);
        c4.Store(yt + 4 * MaxRows); c5.Store(yt + 5 * MaxRows); c6.Store(yt + 6 * MaxRows); c7.Store(yt + 7 * MaxRows);
    }

    private static unsafe void Block4(float* xt, float* w, int k, float* b, float* yt, int j0, int j1, int j2, int j3)
    {
        float* w0 = w + j0 * k, w1 = w + j1 * k, w2 = w + j2 * k, w3 = w + j3 * k;
        var c0 = Vector512.Create(b[j0]); var c1 = Vector512.Create(b[j1]);
        var c2 = Vector512.Create(b[j2]); var c3 = Vector512.Create(b[j3]);
        for (int p = 0; p < k; p++)
        {
            var xv = Vector512.Load(xt + p * MaxRows);
            c0 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w0[p]), c0);
            c1 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w1[p]), c1);
            c2 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w2[p]), c2);
            c3 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w3[p]), c3);
        }
        c0.Store(yt + j0 * MaxRows); c1.Store(yt + j1 * MaxRows); c2.Store(yt + j2 * MaxRows); c3.Store(yt + j3 * MaxRows);
    }
}
