using System.Numerics.Tensors;

namespace MannRl.Engine;

/// <summary>Softmax over each row (the feature dimension), computed as exp(x − max)/Σ for stability.</summary>
public sealed class Softmax(int features) : Activation(features)
{
    /// <inheritdoc/>
    protected override bool IsElementwise => false;

    /// <inheritdoc/>
    protected override void ForwardRow(ReadOnlySpan<float> x, Span<float> y) => SoftmaxRow(x, y);

    /// <inheritdoc/>
    protected override void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        // dx = y ⊙ (dy − Σ dy·y)
        float dot = TensorPrimitives.Dot(dy, y);
        if (dx.Length <= 16)
        {
            // Narrow rows: (dy − dot)·y in one loop, the same two roundings per element as the two calls below
            // without their overhead.
            for (int j = 0; j < dx.Length; j++) dx[j] = (dy[j] - dot) * y[j];
            return;
        }
        TensorPrimitives.Subtract(dy, dot, dx);
        TensorPrimitives.Multiply(dx, y, dx);
    }

    /// <summary>
    /// Below this, expf's result rounds to +0 (x &lt; ln 2^-150). glibc's expf reaches that 0 through its underflow
    /// handler, which sets errno (a thread-local lookup) and made a confident net's narrow softmax 10% slower per
    /// step late in a logic run; returning the same +0 here skips the call.
    /// </summary>
    private const float ExpUnderflow = -103.972076f; // -0x1.9fe368p6, glibc's bound

    private static float ExpNoUnderflowCall(float x) => x < ExpUnderflow ? 0f : MathF.Exp(x);

    /// <summary>Row softmax kernel: <paramref name="y"/> = softmax(<paramref name="x"/>); may run in place.</summary>
    public static void SoftmaxRow(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length <= 16)
        {
            // Narrow rows (the logic task's 11 targets): one scalar pass beats five vector calls.
            float m = x[0];
            for (int j = 1; j < x.Length; j++) m = MathF.Max(m, x[j]);
            float s = 0;
            for (int j = 0; j < x.Length; j++) s += y[j] = ExpNoUnderflowCall(x[j] - m);
            for (int j = 0; j < x.Length; j++) y[j] /= s;
            return;
        }
        float max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        float sum = TensorPrimitives.Sum(y);
        TensorPrimitives.Divide(y, sum, y);
    }
}
