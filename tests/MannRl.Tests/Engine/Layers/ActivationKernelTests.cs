using MannRl.Engine;

namespace MannRl.Tests.Engine.Layers;

/// <summary>
/// The activations' vectorised backward loops against their scalar formula (the same operations, no fused
/// multiply-add), bit for bit, for every width.
/// </summary>
public class ActivationKernelTests
{
    private static IEnumerable<int> Widths => KernelCheck.Lengths.Where(n => n > 0);

    [Fact]
    public void SigmoidBackwardIsDyTimesYTimesOneMinusY() =>
        Check(n => new Sigmoid(n), (x, y, dy) => dy * y * (1f - y));

    [Fact]
    public void TanhBackwardIsDyTimesOneMinusYSquared() =>
        Check(n => new Tanh(n), (x, y, dy) => dy * (1f - y * y));

    [Fact]
    public void ReLUBackwardPassesDyWhereYIsPositive() =>
        Check(n => new ReLU(n), (x, y, dy) => y > 0f ? dy : 0f);

    [Fact]
    public void SiLUBackwardUsesTheSigmoidOfTheForward()
    {
        foreach (int n in Widths)
        {
            foreach (int rows in new[] { 1, 3 })
            {
                var (x, dy, dx) = Run(new SiLU(n), n, rows, out _);
                // The forward's σ(x), computed as it computes it: one call over the whole contiguous batch.
                var s = new float[rows * n];
                System.Numerics.Tensors.TensorPrimitives.Sigmoid(KernelCheck.Values(x), s);
                float[] xs = KernelCheck.Values(x), dys = KernelCheck.Values(dy), expected = new float[rows * n];
                for (int j = 0; j < expected.Length; j++) expected[j] = dys[j] * s[j] * (1f + xs[j] * (1f - s[j]));
                KernelCheck.AssertBitEqual(expected, KernelCheck.Values(dx), $"SiLU backward, {rows}x{n}");
            }
        }
    }

    private static void Check(Func<int, Activation> create, Func<float, float, float, float> derivative)
    {
        foreach (int n in Widths)
        {
            foreach (int rows in new[] { 1, 3 })
            {
                var layer = create(n);
                var (x, dy, dx) = Run(layer, n, rows, out Matrix y);
                float[] xs = KernelCheck.Values(x), ys = KernelCheck.Values(y), dys = KernelCheck.Values(dy), expected = new float[rows * n];
                for (int j = 0; j < expected.Length; j++) expected[j] = derivative(xs[j], ys[j], dys[j]);
                KernelCheck.AssertBitEqual(expected, KernelCheck.Values(dx), $"{layer.GetType().Name} backward, {rows}x{n}");
            }
        }
    }

    private static (Matrix X, Matrix Dy, Matrix Dx) Run(Activation layer, int n, int rows, out Matrix y)
    {
        var x = KernelCheck.RandomMatrix(rows, n, seed: n * 10 + rows, -4f, 4f);
        if (n > 2) x[0, 1] = 0f; // ReLU's derivative at 0 is 0
        var dy = KernelCheck.RandomMatrix(rows, n, seed: n * 10 + rows + 5);
        var ctx = layer.CreateContext(rows, Compute.SingleThread);
        y = layer.Forward(x, ctx, training: true);
        var dx = layer.Backward(dy, ctx);
        return (x, dy, dx);
    }
}
