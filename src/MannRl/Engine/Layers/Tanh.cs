using System.Numerics.Tensors;

namespace MannRl.Engine;

/// <summary>y = tanh(x); dy/dx = 1 - y².</summary>
public sealed class Tanh(int features) : Activation(features)
{
    /// <inheritdoc/>
    protected override void ForwardRow(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);

    /// <inheritdoc/>
    protected override void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int j = 0; j < dx.Length; j++) dx[j] = dy[j] * (1f - y[j] * y[j]);
    }
}
