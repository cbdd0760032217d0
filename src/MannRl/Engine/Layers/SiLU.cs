using System.Numerics.Tensors;

namespace MannRl.Engine;

/// <summary>SiLU ("swish"): y = x·σ(x); dy/dx = σ(x)·(1 + x·(1 − σ(x))).</summary>
public sealed class SiLU(int features) : Activation(features)
{
    /// <inheritdoc/>
    protected override void ForwardRow(ReadOnlySpan<float> x, Span<float> y)
    {
        TensorPrimitives.Sigmoid(x, y);
        TensorPrimitives.Multiply(x, y, y);
    }

    /// <inheritdoc/>
    protected override void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        TensorPrimitives.Sigmoid(x, dx); // σ(x), recomputed: cheaper than a second cached buffer
        for (int j = 0; j < dx.Length; j++)
        {
            float s = dx[j];
            dx[j] = dy[j] * s * (1f + x[j] * (1f - s));
        }
    }
}
