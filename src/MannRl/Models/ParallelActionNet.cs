using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// <c>parallelActionNet</c>: a tree of small nets over memory chunks. With d = M, while d &gt; C a layer of
/// d/(2C) sub-nets maps 2C-wide chunks to C features (halving the width); a last sub-net maps d → T. The
/// first layer's sub-nets also read their own embedding of the input.
/// </summary>
public sealed class ParallelActionNet : ActionNet
{
    private readonly ChunkNet[][] _layers;
    private readonly int[] _layerIn, _chunkIn, _chunkOut;

    /// <summary>Builds the tree; memory and chunk widths must be powers of two.</summary>
    public ParallelActionNet(ParallelActionNetOptions options, Rng rng)
        : base(options.InputDim, options.MemoryDim, options.TargetDim, new NamedTensors(rng))
    {
        var (inputDim, embeddingDim, memoryDim, chunkDim, targetDim) =
            (options.InputDim, options.EmbeddingDim, options.MemoryDim, options.ChunkDim, options.TargetDim);
        if (!int.IsPow2(memoryDim) || !int.IsPow2(chunkDim))
            throw new ArgumentException($"parallelActionNet needs powers of two: memory_dim {memoryDim}, action_chunk_dim {chunkDim}");
        if (embeddingDim <= 0) throw new ArgumentOutOfRangeException(nameof(options), "parallelActionNet needs action_embedding_dim > 0");
        var shapes = new List<(int In, int Out, int Chunks)>();
        int d = memoryDim;
        while (d > chunkDim)
        {
            int n = d / (2 * chunkDim);
            shapes.Add((d, n * chunkDim, n));
            d = n * chunkDim;
        }
        shapes.Add((d, targetDim, 1));
        LayerShapes = shapes;
        var act = options.ActivationIsTanh ? ActivationKind.Tanh : ActivationKind.ReLU;
        var embAct = options.EmbeddingActivationIsTanh ? ActivationKind.Tanh : ActivationKind.ReLU;
        _layers = new ChunkNet[shapes.Count][];
        _layerIn = new int[shapes.Count];
        _chunkIn = new int[shapes.Count];
        _chunkOut = new int[shapes.Count];
        for (int i = 0; i < shapes.Count; i++)
        {
            var (inDim, outDim, chunks) = shapes[i];
            _layerIn[i] = inDim;
            _chunkIn[i] = inDim / chunks;
            _chunkOut[i] = outDim / chunks;
            _layers[i] = new ChunkNet[chunks];
            for (int j = 0; j < chunks; j++)
                _layers[i][j] = new ChunkNet(Tensors, $"action_nets.{i}.{j}", inputDim, i == 0 ? embeddingDim : 0,
                    _chunkIn[i], _chunkOut[i], isLast: i == shapes.Count - 1, act, embAct);
        }
    }

    /// <summary>(input width, output width, number of sub-nets) per layer, as the original logs them.</summary>
    public IReadOnlyList<(int In, int Out, int Chunks)> LayerShapes { get; }

    // Each first-layer sub-net embeds the input itself; a shared learned embedding in front is not offered.
    /// <inheritdoc/>
    protected override bool SupportsInputGradient => false;

    /// <inheritdoc/>
    protected override ModuleContext CreateBodyContext(int maxRows, bool inputGradient, Compute compute)
    {
        var c = new Context(maxRows, MemoryDim, _layers.Select(l => l.Length).ToArray());
        for (int i = 0; i < _layers.Length; i++)
        {
            c.Nets.Add(_layers[i].Select(n => n.CreateContext(maxRows, chunkNeedsGradient: i > 0, compute)).ToArray());
            c.Outputs.Add(new Matrix(maxRows, i == _layers.Length - 1 ? TargetDim : _layerIn[i + 1]));
            c.InputGrads.Add(i > 0 ? new Matrix(maxRows, _layerIn[i]) : null);
        }
        return c;
    }

    /// <inheritdoc/>
    protected override Matrix ForwardLogits(Matrix input, Matrix memory, ModuleContext ctx, bool training)
    {
        var c = (Context)ctx;
        // A copy of the memory gives the chunk views one stable storage: no view is made per step.
        var x = c.Memory.WithRows(memory.Rows);
        x.CopyFrom(memory);
        for (int i = 0; i < _layers.Length; i++)
        {
            var output = c.Outputs[i].WithRows(x.Rows);
            for (int j = 0; j < _layers[i].Length; j++)
            {
                var chunk = x.Columns(j * _chunkIn[i], _chunkIn[i], ref c.InViews[i][j]);
                var y = _layers[i][j].Forward(input, chunk, c.Nets[i][j], training);
                output.Columns(j * _chunkOut[i], _chunkOut[i], ref c.OutViews[i][j]).CopyFrom(y);
            }
            x = output;
        }
        return x;
    }

    /// <inheritdoc/>
    protected override Matrix? BackwardLogits(Matrix dLogits, ModuleContext ctx)
    {
        var c = (Context)ctx;
        var dy = dLogits;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            var dIn = c.InputGrads[i]?.WithRows(dy.Rows);
            for (int j = 0; j < _layers[i].Length; j++)
            {
                var dChunk = _layers[i][j].Backward(dy.Columns(j * _chunkOut[i], _chunkOut[i], ref c.DyViews[i][j]), c.Nets[i][j]);
                dIn?.Columns(j * _chunkIn[i], _chunkIn[i], ref c.DInViews[i][j]).CopyFrom(dChunk);
            }
            if (dIn is not null) dy = dIn;
        }
        return null;
    }

    private sealed class Context(int maxRows, int memoryDim, int[] netsPerLayer) : ModuleContext(maxRows)
    {
        public readonly Matrix Memory = new(maxRows, memoryDim);
        public readonly List<ChunkNet.Context[]> Nets = [];
        public readonly List<Matrix> Outputs = [];
        public readonly List<Matrix?> InputGrads = [];
        public readonly Matrix?[][] InViews = netsPerLayer.Select(n => new Matrix?[n]).ToArray();
        public readonly Matrix?[][] OutViews = netsPerLayer.Select(n => new Matrix?[n]).ToArray();
        public readonly Matrix?[][] DyViews = netsPerLayer.Select(n => new Matrix?[n]).ToArray();
        public readonly Matrix?[][] DInViews = netsPerLayer.Select(n => new Matrix?[n]).ToArray();
    }
}
