using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The scalar loop's operations in the same order (no fused multiply-add): bit-identical.
            ref float xr = ref MemoryMarshal.GetReference(x), dyr = ref MemoryMarshal.GetReference(dy), dxr = ref MemoryMarshal.GetReference(dx);
            for (; j <= dx.Length - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                var s = Vector256.LoadUnsafe(ref dxr, (nuint)j);
                var one = Vector256<float>.One;
                (Vector256.LoadUnsafe(ref dyr, (nuint)j) * s * (one + Vector256.LoadUnsafe(ref xr, (nuint)j) * (one - s))).StoreUnsafe(ref dxr, (nuint)j);
            }
        }
        for (; j < dx.Length; j++)
        {
            float s = dx[j];
            dx[j] = dy[j] * s * (1f + x[j] * (1f - s));
        }
    }
}
