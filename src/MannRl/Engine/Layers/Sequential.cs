namespace MannRl.Engine;

/// <summary>Layers applied one after the other; backward runs them in reverse.</summary>
public sealed class Sequential : Module
{
    private readonly Module[] _layers;

    /// <summary>Chains <paramref name="layers"/>; each layer's output width must match the next one's input.</summary>
    public Sequential(params Module[] layers)
    {
        if (layers.Length == 0) throw new ArgumentException("Sequential needs at least one layer");
        for (int i = 1; i < layers.Length; i++)
            if (layers[i - 1].OutFeatures != layers[i].InFeatures)
                throw new ArgumentException(
                    $"Sequential: layer {i - 1} ({layers[i - 1].GetType().Name}) outputs {layers[i - 1].OutFeatures} features, " +
                    $"layer {i} ({layers[i].GetType().Name}) expects {layers[i].InFeatures}");
        _layers = layers;
        Parameters = layers.SelectMany(l => l.Parameters).ToArray();
    }

    /// <summary>The chained layers.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <inheritdoc/>
    public override int InFeatures => _layers[0].InFeatures;

    /// <inheritdoc/>
    public override int OutFeatures => _layers[^1].OutFeatures;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public override ModuleContext CreateContext(int maxRows, Compute compute) =>
        new Context(maxRows, _layers.Select(l => l.CreateContext(maxRows, compute)).ToArray());

    /// <inheritdoc/>
    public override Matrix Forward(Matrix x, ModuleContext ctx, bool training)
    {
        CheckInput(x, ctx);
        var c = (Context)ctx;
        c.Training = training;
        for (int i = 0; i < _layers.Length; i++) x = _layers[i].Forward(x, c.Children[i], training);
        return x;
    }

    /// <inheritdoc/>
    public override Matrix Backward(Matrix dy, ModuleContext ctx)
    {
        var c = (Context)ctx;
        for (int i = _layers.Length - 1; i >= 0; i--) dy = _layers[i].Backward(dy, c.Children[i]);
        return dy;
    }

    private sealed class Context(int maxRows, ModuleContext[] children) : ModuleContext(maxRows)
    {
        public readonly ModuleContext[] Children = children;

        // Only the first layer sees the caller's input; the others always need their input gradient.
        public override bool NeedsInputGradient
        {
            get => Children[0].NeedsInputGradient;
            set => Children[0].NeedsInputGradient = value;
        }

        public override int InputGradientColumns
        {
            get => Children[0].InputGradientColumns;
            set => Children[0].InputGradientColumns = value;
        }
    }
}
