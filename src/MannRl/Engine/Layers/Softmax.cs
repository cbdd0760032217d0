using System.Numerics.Tensors;
using MannRl.Engine.Kernels;

namespace MannRl.Engine;

/// <summary>Softmax over each row (the feature dimension), computed as exp(x − max)/Σ for stability.</summary>
public sealed class Softmax(int features) : Activation(features)
{
    /// <inheritdoc/>
    protected override bool IsElementwise => false;

    /// <inheritdoc/>
    protected override void ForwardRow(ReadOnlySpan<float> x, Span<float> y) => SoftmaxRow(x, y);

    /// <inheritdoc/>
    protected override void ForwardRows(Matrix x, Matrix y)
    {
        if (x.Cols > NarrowWidth || !y.IsContiguous || !GlibcExpf.Exact)
        {
            base.ForwardRows(x, y);
            return;
        }
        // Narrow rows as SoftmaxRow computes them, with the exponentials of the whole batch in one vector pass.
        int n = x.Rows, f = x.Cols;
        for (int r = 0; r < n; r++)
        {
            var xr = x.Row(r);
            var yr = y.Row(r);
            float m = xr[0];
            for (int j = 1; j < f; j++) m = MathF.Max(m, xr[j]);
            for (int j = 0; j < f; j++) yr[j] = xr[j] - m;
        }
        GlibcExpf.Exp(y.AsSpan(), y.AsSpan());
        for (int r = 0; r < n; r++)
        {
            var yr = y.Row(r);
            float s = 0;
            for (int j = 0; j < f; j++) s += yr[j];
            for (int j = 0; j < f; j++) yr[j] /= s;
        }
    }

    /// <summary>Rows up to this wide take the scalar softmax (one pass beats five vector calls).</summary>
    private const int NarrowWidth = 16;

    /// <inheritdoc/>
    protected override void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        // dx = y ⊙ (dy − Σ dy·y)
        float dot = TensorPrimitives.Dot(dy, y);
        if (dx.Length <= NarrowWidth)
        {
            // Narrow rows: (dy − dot)·y in one loop, the same two roundings per element as the two calls below
            // without their overhead.
            for (int j = 0; j < dx.Length; j++) dx[j] = (dy[j] - dot) * y[j];
            return;
        }
        TensorPrimitives.Subtract(dy, dot, dx);
        TensorPrimitives.Multiply(dx, y, dx);
    }

    /// <summary>Row softmax kernel: <paramref name="y"/> = softmax(<paramref name="x"/>); may run in place.</summary>
    public static void SoftmaxRow(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length <= NarrowWidth)
        {
            // Narrow rows (the logic task's 11 targets): one scalar pass beats five vector calls.
            float m = x[0];
            for (int j = 1; j < x.Length; j++) m = MathF.Max(m, x[j]);
            float s = 0;
            for (int j = 0; j < x.Length; j++) s += y[j] = GlibcExpf.Scalar(x[j] - m);
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
