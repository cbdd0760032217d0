using System.Numerics.Tensors;

namespace MannRl.Engine;

/// <summary>y = 1 / (1 + e^-x); dy/dx = y (1 - y).</summary>
public sealed class Sigmoid(int features) : Activation(features)
{
    /// <inheritdoc/>
    protected override void ForwardRow(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sigmoid(x, y);

    /// <inheritdoc/>
    protected override void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int j = 0; j < dx.Length; j++) dx[j] = dy[j] * y[j] * (1f - y[j]);
    }
}
