using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MannRl.Engine;

/// <summary>y = tanh(x); dy/dx = 1 - y².</summary>
public sealed class Tanh(int features) : Activation(features)
{
    /// <inheritdoc/>
    protected override void ForwardRow(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);

    /// <inheritdoc/>
    protected override void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The scalar loop's operations in the same order (no fused multiply-add): bit-identical.
            ref float yr = ref MemoryMarshal.GetReference(y), dyr = ref MemoryMarshal.GetReference(dy), dxr = ref MemoryMarshal.GetReference(dx);
            for (; j <= dx.Length - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)j);
                (Vector256.LoadUnsafe(ref dyr, (nuint)j) * (Vector256<float>.One - yv * yv)).StoreUnsafe(ref dxr, (nuint)j);
            }
        }
        for (; j < dx.Length; j++) dx[j] = dy[j] * (1f - y[j] * y[j]);
    }
}
