using MannRl.Engine;
using MannRl.Engine.Kernels;

namespace MannRl.Tests.Engine.Kernels;

/// <summary>
/// <see cref="LinearForward"/>'s three paths (one-hot lookup, small batch reading W in place, product with the cached
/// Wᵀ) against the scalar definition of the general product: y[r, j] = b[j], then fma(x[r, p], W[j, p], y[r, j]) for
/// p = 0..in-1 in order. Every width of input and output, bit for bit.
/// </summary>
[Collection("Gemm threads")]
public class LinearForwardTests
{
    /// <summary>Every width 1..256 and the large ones (a layer has at least one input and one output).</summary>
    private static IEnumerable<int> Widths => KernelCheck.Lengths.Where(n => n > 0);

    [Fact]
    public void EveryInputWidthGivesTheBitsOfTheScalarProduct()
    {
        foreach (int inFeatures in Widths) Check(inFeatures, outFeatures: 19, Compute.SingleThread);
    }

    [Fact]
    public void EveryOutputWidthGivesTheBitsOfTheScalarProduct()
    {
        var two = new Compute(2);
        foreach (int outFeatures in Widths) Check(inFeatures: 37, outFeatures, outFeatures % 2 == 0 ? two : Compute.SingleThread);
    }

    /// <summary>
    /// One forward per path, in the order a layer meets them: a small batch after W changed, a batch too large for it
    /// (which builds Wᵀ), a small batch with Wᵀ current (product or in place by W's size), then one-hot rows.
    /// </summary>
    private static void Check(int inFeatures, int outFeatures, Compute compute)
    {
        var weight = new Parameter("weight", outFeatures, inFeatures);
        var bias = new Parameter("bias", outFeatures);
        weight.Load(KernelCheck.Random(weight.Length, seed: inFeatures * 1000 + outFeatures, -1f, 1f));
        bias.Load(KernelCheck.Random(bias.Length, seed: inFeatures + outFeatures, -1f, 1f));
        var forward = new LinearForward(weight, bias);
        var buffers = forward.CreateBuffers(maxRows: 17);
        foreach (int rows in new[] { 1, 17, 16 })
        {
            var x = KernelCheck.RandomMatrix(rows, inFeatures, seed: rows + inFeatures);
            Run(forward, weight, bias, x, buffers, compute, $"{rows}x{inFeatures} -> {outFeatures}");
        }
        var oneHot = new Matrix(5, inFeatures);
        for (int r = 0; r < 5; r++) oneHot[r, (r * 7 + 3) % inFeatures] = 1f;
        Run(forward, weight, bias, oneHot, buffers, compute, $"one-hot 5x{inFeatures} -> {outFeatures}");
        Assert.Equal(inFeatures >= LinearForward.OneHotMinFeatures, buffers.OneHot);
    }

    private static void Run(LinearForward forward, Parameter weight, Parameter bias, Matrix x, LinearForward.Buffers buffers, Compute compute, string what)
    {
        int outFeatures = bias.Length, inFeatures = x.Cols;
        var y = new Matrix(x.Rows, outFeatures);
        forward.Run(compute, x, y, buffers);
        var expected = new float[x.Rows * outFeatures];
        var w = weight.Values;
        for (int r = 0; r < x.Rows; r++)
        {
            for (int j = 0; j < outFeatures; j++)
            {
                float c = bias.Values[j];
                for (int p = 0; p < inFeatures; p++) c = MathF.FusedMultiplyAdd(x[r, p], w[j * inFeatures + p], c);
                expected[r * outFeatures + j] = c;
            }
        }
        KernelCheck.AssertBitEqual(expected, KernelCheck.Values(y), what);
    }
}
