using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MannRl.Engine;

/// <summary>y = max(x, 0); the derivative at 0 is taken as 0, as PyTorch does.</summary>
public sealed class ReLU(int features) : Activation(features)
{
    /// <inheritdoc/>
    protected override void ForwardRow(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    /// <inheritdoc/>
    protected override void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Vectors as the scalar loop below, element by element: the same selection, no rounding involved.
            ref float yr = ref MemoryMarshal.GetReference(y), dyr = ref MemoryMarshal.GetReference(dy), dxr = ref MemoryMarshal.GetReference(dx);
            for (; j <= dx.Length - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                var mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref yr, (nuint)j), Vector256<float>.Zero);
                Vector256.ConditionalSelect(mask, Vector256.LoadUnsafe(ref dyr, (nuint)j), Vector256<float>.Zero).StoreUnsafe(ref dxr, (nuint)j);
            }
        }
        for (; j < dx.Length; j++) dx[j] = y[j] > 0f ? dy[j] : 0f;
    }
}
