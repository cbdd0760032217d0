using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// The original's MemoryNN, behind <c>flatmnn</c>, <c>flatmnnNA</c>, <c>embmnn</c>, <c>embmnnNA</c>,
/// <c>embWLmnnNA</c> and each sub-net of <c>parallelMemNetNA</c>: base = cat(emb(input) or input, memory[,
/// action]); optional dense-skip layers h1 = act(BN(Linear(base))), h_{i+1} = act(BN(Linear(cat(base, h_i))));
/// output Sigmoid(BN(Linear(cat(base, h_last) or base))).
/// </summary>
public sealed class DenseMemoryNet : MemoryNet
{
    private readonly Sequential? _embedding;
    private readonly Sequential[] _hidden;
    private readonly Sequential _output;
    private readonly int _inputWidth, _baseWidth, _hiddenDim;

    /// <summary>Builds the net; <paramref name="prefix"/> names its tensors inside a larger net ("" alone).</summary>
    /// <param name="tensors">Registry the layers are created in.</param>
    /// <param name="prefix">Name prefix, e.g. <c>memory_nets.3.</c>.</param>
    /// <param name="options">The shape; its <see cref="MemoryNetOptions.MemoryDim"/> is not read here.</param>
    /// <param name="memoryInDim">Width of the memory read (M, or a chunk's width inside parallelMemNetNA).</param>
    /// <param name="outputDim">Memory width written.</param>
    public DenseMemoryNet(NamedTensors tensors, string prefix, MemoryNetOptions options, int memoryInDim, int outputDim)
        : base(options.InputDim, options.ActionDim, outputDim, tensors)
    {
        var (inputDim, embeddingDim, intermediateLayers, intermediateDim) =
            (options.InputDim, options.EmbeddingDim, options.IntermediateLayers, options.IntermediateDim);
        if (intermediateLayers < 0 || (intermediateLayers > 0 && intermediateDim <= 0))
            throw new ArgumentException($"bad intermediate layers: {intermediateLayers} of width {intermediateDim}");
        MemoryInDim = memoryInDim;
        if (embeddingDim > 0)
            _embedding = tensors.Block($"{prefix}emb_linear", $"{prefix}emb_norm", inputDim, embeddingDim,
                options.EmbeddingActivationIsTanh ? ActivationKind.Tanh : ActivationKind.ReLU);
        _inputWidth = embeddingDim > 0 ? embeddingDim : inputDim;
        _baseWidth = _inputWidth + memoryInDim + options.ActionDim;
        _hiddenDim = intermediateLayers > 0 ? intermediateDim : 0;
        var act = options.ActivationIsTanh ? ActivationKind.Tanh : ActivationKind.ReLU;
        _hidden = new Sequential[intermediateLayers];
        for (int i = 0; i < intermediateLayers; i++)
            _hidden[i] = tensors.Block($"{prefix}layers.{3 * i}", $"{prefix}layers.{3 * i + 1}",
                i == 0 ? _baseWidth : _baseWidth + _hiddenDim, _hiddenDim, act);
        _output = tensors.Block($"{prefix}linear", $"{prefix}norm", _baseWidth + _hiddenDim, outputDim, ActivationKind.Sigmoid);
    }

    /// <summary>Width of the memory this net reads.</summary>
    public int MemoryInDim { get; }

    /// <summary>A stand-alone memory-net (not a sub-net), weights drawn from <paramref name="rng"/>.</summary>
    public DenseMemoryNet(MemoryNetOptions options, Rng rng)
        : this(new NamedTensors(rng), "", options, options.MemoryDim, options.MemoryDim)
    {
    }

    /// <inheritdoc/>
    protected override ModuleContext CreateCoreContext(int maxRows, bool inputGradient, Compute compute)
    {
        var c = new Context(maxRows, _baseWidth, _hiddenDim, _hidden.Length,
            _embedding?.CreateContext(maxRows, compute), _hidden.Select(h => h.CreateContext(maxRows, compute)).ToArray(), _output.CreateContext(maxRows, compute));
        // Gradients reach the inputs of the layers only where an embedding must be trained through them.
        bool needBase = _embedding is not null || inputGradient;
        c.InputGradient = inputGradient;
        if (c.Embedding is not null) c.Embedding.NeedsInputGradient = inputGradient;
        for (int i = 0; i < c.Hidden.Length; i++) c.Hidden[i].NeedsInputGradient = i > 0 || needBase;
        c.Output.NeedsInputGradient = needBase || _hidden.Length > 0;
        // Without hidden layers only the input's (or its embedding's) columns of the base gradient are read.
        if (_hidden.Length == 0) c.Output.InputGradientColumns = _inputWidth;
        return c;
    }

    /// <inheritdoc/>
    protected override Matrix ForwardCore(Matrix input, Matrix action, Matrix memory, ModuleContext ctx, bool training)
    {
        var c = (Context)ctx;
        if (memory.Cols != MemoryInDim) throw new ArgumentException($"memory-net reads {MemoryInDim} memory features, got {memory.Cols}");
        var e = _embedding is null ? input : _embedding.Forward(input, c.Embedding!, training);
        var b = UsesAction ? Matrix.Concat(c.Base, e, memory, action) : Matrix.Concat(c.Base, e, memory); // (rows, base)
        if (_hidden.Length == 0) return _output.Forward(b, c.Output, training);
        var h = _hidden[0].Forward(b, c.Hidden[0], training);
        for (int i = 1; i < _hidden.Length; i++)
            h = _hidden[i].Forward(Matrix.Concat(c.Skips[i - 1], b, h), c.Hidden[i], training);
        return _output.Forward(Matrix.Concat(c.Skips[^1], b, h), c.Output, training);
    }

    /// <inheritdoc/>
    protected override Matrix? BackwardCore(Matrix dNext, ModuleContext ctx)
    {
        var c = (Context)ctx;
        var dx = _output.Backward(dNext, c.Output);
        if (_hidden.Length == 0 && _embedding is null && !c.InputGradient) return null;
        Matrix dBase;
        if (_hidden.Length == 0)
        {
            dBase = dx.Columns(0, _baseWidth, ref c.DxBaseView);
        }
        else
        {
            // Every layer read the base: its gradient is the sum of their base parts.
            dBase = c.BaseGrad.WithRows(dx.Rows);
            dBase.CopyFrom(dx.Columns(0, _baseWidth, ref c.DxBaseView));
            var dh = dx.Columns(_baseWidth, _hiddenDim, ref c.DxHiddenView);
            for (int i = _hidden.Length - 1; i >= 1; i--)
            {
                var dSkip = _hidden[i].Backward(dh, c.Hidden[i]);
                AddInto(dBase, dSkip.Columns(0, _baseWidth, ref c.SkipBaseViews[i]));
                dh = dSkip.Columns(_baseWidth, _hiddenDim, ref c.SkipHiddenViews[i]);
            }
            var d0 = _hidden[0].Backward(dh, c.Hidden[0]);
            if (_embedding is null && !c.InputGradient) return null;
            AddInto(dBase, d0);
        }
        if (_embedding is not null)
        {
            var dInput = _embedding.Backward(dBase.Columns(0, _inputWidth, ref c.InputGradView), c.Embedding!);
            return c.InputGradient ? dInput : null;
        }
        return c.InputGradient ? dBase.Columns(0, _inputWidth, ref c.InputGradView) : null;
    }

    private static void AddInto(Matrix acc, Matrix x)
    {
        for (int r = 0; r < acc.Rows; r++) System.Numerics.Tensors.TensorPrimitives.Add(acc.Row(r), x.Row(r), acc.Row(r));
    }

    private sealed class Context : ModuleContext
    {
        public Context(int maxRows, int baseWidth, int hiddenDim, int hiddenLayers, ModuleContext? embedding, ModuleContext[] hidden, ModuleContext output)
            : base(maxRows)
        {
            Base = new Matrix(maxRows, baseWidth);
            BaseGrad = new Matrix(maxRows, baseWidth);
            Skips = Enumerable.Range(0, hiddenLayers).Select(_ => new Matrix(maxRows, baseWidth + hiddenDim)).ToArray();
            SkipBaseViews = new Matrix?[hiddenLayers];
            SkipHiddenViews = new Matrix?[hiddenLayers];
            Embedding = embedding;
            Hidden = hidden;
            Output = output;
        }

        public readonly Matrix Base, BaseGrad;
        public readonly Matrix[] Skips;
        public readonly ModuleContext? Embedding;
        public readonly ModuleContext[] Hidden;
        public readonly ModuleContext Output;
        public bool InputGradient;
        public Matrix? DxBaseView, DxHiddenView, InputGradView;
        public readonly Matrix?[] SkipBaseViews, SkipHiddenViews;
    }
}
