using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MannRl.Engine;

/// <summary>
/// SiLU ("swish"): y = x·σ(x); dy/dx = σ(x)·(1 + x·(1 − σ(x))). The forward keeps σ(x) for the backward: computing
/// it again cost a second exponential pass per step.
/// </summary>
public sealed class SiLU(int features) : Activation(features)
{
    /// <inheritdoc/>
    public override ModuleContext CreateContext(int maxRows, Compute compute) => new SigmoidContext(maxRows, Features);

    /// <inheritdoc/>
    public override Matrix Forward(Matrix x, ModuleContext ctx, bool training)
    {
        if (ctx is not SigmoidContext c) return base.Forward(x, ctx, training);
        CheckInput(x, ctx);
        c.Training = training;
        c.X = x;
        var y = c.Y.WithRows(x.Rows);
        var sigma = c.Sigma.WithRows(x.Rows);
        if (x.IsContiguous)
        {
            TensorPrimitives.Sigmoid(x.AsSpan(), sigma.AsSpan());
            TensorPrimitives.Multiply(x.AsSpan(), sigma.AsSpan(), y.AsSpan());
        }
        else
        {
            for (int r = 0; r < x.Rows; r++)
            {
                TensorPrimitives.Sigmoid(x.Row(r), sigma.Row(r));
                TensorPrimitives.Multiply(x.Row(r), sigma.Row(r), y.Row(r));
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public override Matrix Backward(Matrix dy, ModuleContext ctx)
    {
        if (ctx is not SigmoidContext c) return base.Backward(dy, ctx);
        var x = c.X ?? throw new InvalidOperationException("SiLU.Backward before Forward");
        var sigma = c.Sigma;
        if (dy.Rows != sigma.Rows || dy.Cols != Features)
            throw new ArgumentException($"SiLU.Backward: dy is {dy.Rows}x{dy.Cols}, expected {sigma.Rows}x{Features}");
        var dx = c.DX.WithRows(sigma.Rows);
        if (!c.NeedsInputGradient) return dx;
        if (x.IsContiguous && dy.IsContiguous) Derivative(x.AsSpan(), sigma.AsSpan(), dy.AsSpan(), dx.AsSpan());
        else for (int r = 0; r < dx.Rows; r++) Derivative(x.Row(r), sigma.Row(r), dy.Row(r), dx.Row(r));
        return dx;
    }

    /// <inheritdoc/>
    protected override void ForwardRow(ReadOnlySpan<float> x, Span<float> y)
    {
        TensorPrimitives.Sigmoid(x, y);
        TensorPrimitives.Multiply(x, y, y);
    }

    /// <inheritdoc/>
    protected override void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        TensorPrimitives.Sigmoid(x, dx);
        Derivative(x, dx, dy, dx);
    }

    /// <summary>dx = dy·s·(1 + x·(1 − s)) with s = σ(x); <paramref name="s"/> may be <paramref name="dx"/>.</summary>
    private static void Derivative(ReadOnlySpan<float> x, ReadOnlySpan<float> s, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The scalar loop's operations in the same order (no fused multiply-add): bit-identical.
            ref float xr = ref MemoryMarshal.GetReference(x), sr = ref MemoryMarshal.GetReference(s);
            ref float dyr = ref MemoryMarshal.GetReference(dy), dxr = ref MemoryMarshal.GetReference(dx);
            var one = Vector256<float>.One;
            for (; j <= dx.Length - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                var sv = Vector256.LoadUnsafe(ref sr, (nuint)j);
                (Vector256.LoadUnsafe(ref dyr, (nuint)j) * sv * (one + Vector256.LoadUnsafe(ref xr, (nuint)j) * (one - sv))).StoreUnsafe(ref dxr, (nuint)j);
            }
        }
        for (; j < dx.Length; j++)
        {
            float sj = s[j];
            dx[j] = dy[j] * sj * (1f + x[j] * (1f - sj));
        }
    }

    private sealed class SigmoidContext(int maxRows, int features) : ModuleContext(maxRows)
    {
        public Matrix? X;
        public readonly Matrix Y = new(maxRows, features);
        public readonly Matrix Sigma = new(maxRows, features);
        public readonly Matrix DX = new(maxRows, features);
    }
}
