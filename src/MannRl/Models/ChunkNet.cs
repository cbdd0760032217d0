using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// One sub-net of <c>parallelActionNet</c> (the original's ActionNN): over cat(embedding(input), chunk) on
/// the first layer, or the chunk alone on later layers, Linear → BN → activation; on the last layer the
/// activation is the Softmax applied by <see cref="ActionNet"/>, so this returns the BN output as logits.
/// </summary>
internal sealed class ChunkNet
{
    private readonly Sequential? _embedding;
    private readonly Sequential _body;
    private readonly int _embeddingDim, _chunkDim;

    public ChunkNet(NamedTensors tensors, string prefix, int inputDim, int embeddingDim, int chunkDim, int outDim,
        bool isLast, ActivationKind activation, ActivationKind embeddingActivation)
    {
        _chunkDim = chunkDim;
        if (embeddingDim > 0)
        {
            _embedding = tensors.Block($"{prefix}.emb_linear", $"{prefix}.emb_norm", inputDim, embeddingDim, embeddingActivation);
            _embeddingDim = embeddingDim;
        }
        int width = _embeddingDim + chunkDim;
        var lin = tensors.Linear($"{prefix}.linear", width, outDim);
        var norm = tensors.Norm($"{prefix}.norm", outDim);
        _body = isLast ? new Sequential(lin, norm) : new Sequential(lin, norm, NamedTensors.Make(activation, outDim));
    }

    public Context CreateContext(int maxRows, bool chunkNeedsGradient, Compute compute)
    {
        var c = new Context(maxRows, _embeddingDim > 0 ? _embeddingDim + _chunkDim : 0,
            _embedding?.CreateContext(maxRows, compute), _body.CreateContext(maxRows, compute));
        if (c.Embedding is not null) c.Embedding.NeedsInputGradient = false;
        c.Body.NeedsInputGradient = chunkNeedsGradient || _embedding is not null;
        return c;
    }

    public Matrix Forward(Matrix input, Matrix chunk, Context c, bool training)
    {
        var x = chunk;
        if (_embedding is not null)
        {
            var e = _embedding.Forward(input, c.Embedding!, training);
            x = Matrix.Concat(c.Cat!, e, chunk);
        }
        return _body.Forward(x, c.Body, training);
    }

    /// <summary>Returns the gradient with respect to the chunk (when the context asked for it).</summary>
    public Matrix Backward(Matrix dy, Context c)
    {
        var dx = _body.Backward(dy, c.Body);
        if (_embedding is null) return dx;
        _embedding.Backward(dx.Columns(0, _embeddingDim, ref c.EmbeddingGradView), c.Embedding!);
        return dx.Columns(_embeddingDim, _chunkDim, ref c.ChunkGradView);
    }

    internal sealed class Context(int maxRows, int catWidth, ModuleContext? embedding, ModuleContext body)
    {
        public readonly Matrix? Cat = catWidth > 0 ? new Matrix(maxRows, catWidth) : null;
        public readonly ModuleContext? Embedding = embedding;
        public readonly ModuleContext Body = body;
        public Matrix? EmbeddingGradView, ChunkGradView;
    }
}
