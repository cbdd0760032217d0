using System.Numerics.Tensors;

namespace MannRl.Engine;

/// <summary>y = max(x, 0); the derivative at 0 is taken as 0, as PyTorch does.</summary>
public sealed class ReLU(int features) : Activation(features)
{
    /// <inheritdoc/>
    protected override void ForwardRow(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    /// <inheritdoc/>
    protected override void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int j = 0; j < dx.Length; j++) dx[j] = y[j] > 0f ? dy[j] : 0f;
    }
}
