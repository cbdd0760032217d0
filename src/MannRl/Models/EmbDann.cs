using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// <c>embdann</c>: e = ReLU(BN(Linear(I,E)(input))); cat(e, memory) (F = E+M) → [Linear(F,F) → BN → ReLU]
/// twice → Linear(F,T) → Softmax.
/// </summary>
public sealed class EmbDann : ActionNet
{
    private readonly Sequential _embedding;
    private readonly Sequential _body;
    private readonly int _embeddingDim;

    /// <summary>Builds the net with weights drawn from <paramref name="rng"/>.</summary>
    public EmbDann(int inputDim, int memoryDim, int targetDim, int embeddingDim, Rng rng)
        : base(inputDim, memoryDim, targetDim, new NamedTensors(rng))
    {
        if (embeddingDim <= 0) throw new ArgumentOutOfRangeException(nameof(embeddingDim), $"embdann needs action_embedding_dim > 0, got {embeddingDim}");
        _embeddingDim = embeddingDim;
        _embedding = Tensors.Block("emb_linear", "emb_norm", inputDim, embeddingDim, ActivationKind.ReLU);
        int f = embeddingDim + memoryDim;
        var b1 = Tensors.Block("linear1", "norm1", f, f, ActivationKind.ReLU);
        var b2 = Tensors.Block("linear2", "norm2", f, f, ActivationKind.ReLU);
        _body = new Sequential([.. b1.Layers, .. b2.Layers, Tensors.Linear("decision", f, targetDim)]);
    }

    /// <inheritdoc/>
    protected override ModuleContext CreateBodyContext(int maxRows, bool inputGradient, Compute compute)
    {
        var c = new Context(maxRows, _embeddingDim + MemoryDim, _embedding.CreateContext(maxRows, compute), _body.CreateContext(maxRows, compute));
        c.Embedding.NeedsInputGradient = inputGradient;
        c.Body.InputGradientColumns = _embeddingDim; // the memory's columns of linear1's input gradient are never used
        return c;
    }

    /// <inheritdoc/>
    protected override Matrix ForwardLogits(Matrix input, Matrix memory, ModuleContext ctx, bool training)
    {
        var c = (Context)ctx;
        var e = _embedding.Forward(input, c.Embedding, training); // (rows, E)
        var x = Matrix.Concat(c.Cat, e, memory);                 // (rows, E+M)
        return _body.Forward(x, c.Body, training);
    }

    /// <inheritdoc/>
    protected override Matrix? BackwardLogits(Matrix dLogits, ModuleContext ctx)
    {
        var c = (Context)ctx;
        var dx = _body.Backward(dLogits, c.Body);
        var dInput = _embedding.Backward(dx.Columns(0, _embeddingDim, ref c.EmbeddingGradView), c.Embedding);
        return c.Embedding.NeedsInputGradient ? dInput : null;
    }

    private sealed class Context(int maxRows, int width, ModuleContext embedding, ModuleContext body) : ModuleContext(maxRows)
    {
        public readonly Matrix Cat = new(maxRows, width);
        public readonly ModuleContext Embedding = embedding;
        public readonly ModuleContext Body = body;
        public Matrix? EmbeddingGradView;
    }
}
