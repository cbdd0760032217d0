using MannRl.Engine.Kernels;

namespace MannRl.Tests.Engine.Kernels;

/// <summary>The vector-width operations the generic GEMM tile is written on, lane by lane against scalar arithmetic.</summary>
public class VectorOpsTests
{
    [Fact]
    public void Vector512OpsComputeEachLaneAsScalarCodeDoes() => Check<System.Runtime.Intrinsics.Vector512<float>, Vector512Ops>(16);

    [Fact]
    public void Vector256OpsComputeEachLaneAsScalarCodeDoes() => Check<System.Runtime.Intrinsics.Vector256<float>, Vector256Ops>(8);

    private static unsafe void Check<TVector, TOps>(int lanes)
        where TVector : struct
        where TOps : IVectorOps<TVector>
    {
        Assert.Equal(lanes, TOps.Count);
        float[] a = KernelCheck.Random(lanes, seed: 1), b = KernelCheck.Random(lanes, seed: 2), c = KernelCheck.Random(lanes, seed: 3);
        // A lane where a fused multiply-add differs from a rounded product plus c: (1 + 2^-12)² - 1 rounds the 2^-24 away
        // when the product is rounded first.
        a[0] = b[0] = 1f + MathF.Pow(2, -12);
        c[0] = -1f;
        var result = new float[lanes + 1];
        result[lanes] = float.NaN;
        fixed (float* pa = a, pb = b, pc = c, pr = result)
        {
            TOps.Store(TOps.MultiplyAdd(TOps.Load(pa), TOps.Load(pb), TOps.Load(pc)), pr);
            var expected = new float[lanes];
            for (int i = 0; i < lanes; i++) expected[i] = MathF.FusedMultiplyAdd(a[i], b[i], c[i]);
            KernelCheck.AssertBitEqual(expected, result.AsSpan(0, lanes), $"{typeof(TOps).Name}.MultiplyAdd");
            Assert.NotEqual(a[0] * b[0] + c[0], result[0]);
            Assert.True(float.IsNaN(result[lanes])); // a store writes Count floats, no more

            TOps.Store(TOps.Broadcast(-3.25f), pr);
            Assert.All(result.Take(lanes), v => Assert.Equal(-3.25f, v));
        }
    }
}
