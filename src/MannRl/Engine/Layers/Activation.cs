namespace MannRl.Engine;

/// <summary>
/// Base of the element-wise activations: same width in and out, no parameters. Subclasses map one row
/// forward and one row backward; the base handles contexts, shapes and strided inputs.
/// </summary>
public abstract class Activation : Module
{
    /// <summary>Creates an activation over <paramref name="features"/> columns.</summary>
    protected Activation(int features)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), $"{GetType().Name}({features}): features must be positive");
        Features = features;
    }

    /// <summary>Width.</summary>
    public int Features { get; }

    /// <inheritdoc/>
    public override int InFeatures => Features;

    /// <inheritdoc/>
    public override int OutFeatures => Features;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc/>
    public override ModuleContext CreateContext(int maxRows, Compute compute) => new Context(maxRows, Features);

    /// <inheritdoc/>
    public override Matrix Forward(Matrix x, ModuleContext ctx, bool training)
    {
        CheckInput(x, ctx);
        var c = (Context)ctx;
        c.Training = training;
        c.X = x;
        var y = c.Y.WithRows(x.Rows);
        if (IsElementwise && x.IsContiguous) ForwardRow(x.AsSpan(), y.AsSpan()); // one call for the whole batch
        else ForwardRows(x, y);
        return y;
    }

    /// <inheritdoc/>
    public override Matrix Backward(Matrix dy, ModuleContext ctx)
    {
        var c = (Context)ctx;
        var x = c.X ?? throw new InvalidOperationException($"{GetType().Name}.Backward before Forward");
        var y = c.Y;
        if (dy.Rows != y.Rows || dy.Cols != Features)
            throw new ArgumentException($"{GetType().Name}.Backward: dy is {dy.Rows}x{dy.Cols}, expected {y.Rows}x{Features}");
        var dx = c.DX.WithRows(y.Rows);
        if (!c.NeedsInputGradient) return dx;
        if (IsElementwise && x.IsContiguous && dy.IsContiguous) BackwardRow(x.AsSpan(), y.AsSpan(), dy.AsSpan(), dx.AsSpan());
        else for (int r = 0; r < y.Rows; r++) BackwardRow(x.Row(r), y.Row(r), dy.Row(r), dx.Row(r));
        return dx;
    }

    /// <summary>True when each output depends on its own input alone, so whole matrices can be mapped in one call.</summary>
    protected virtual bool IsElementwise => true;

    /// <summary>y = f(x) row by row (a row-wise activation may override it to work on the batch at once).</summary>
    protected virtual void ForwardRows(Matrix x, Matrix y)
    {
        for (int r = 0; r < x.Rows; r++) ForwardRow(x.Row(r), y.Row(r));
    }

    /// <summary>y = f(x) for one row (or, when <see cref="IsElementwise"/>, any run of values).</summary>
    protected abstract void ForwardRow(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>dx = dy · f'(x) for one row, given the forward input x and output y.</summary>
    protected abstract void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx);

    private sealed class Context(int maxRows, int features) : ModuleContext(maxRows)
    {
        public Matrix? X;
        public readonly Matrix Y = new(maxRows, features);
        public readonly Matrix DX = new(maxRows, features);
    }
}
