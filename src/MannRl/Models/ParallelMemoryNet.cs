using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// <c>parallelMemNetNA</c>: K memory-nets over chunks of C = M/K. Sub-net 0 reads chunk 0 (or the whole
/// memory with <c>mem_funnel_to_zero_chunk</c>); sub-net i &gt; 0 reads cat(chunk 0, chunk i). Each writes C
/// features; the next memory is their concatenation.
/// </summary>
public sealed class ParallelMemoryNet : MemoryNet
{
    private readonly DenseMemoryNet[] _nets;
    private readonly int _chunk;
    private readonly bool _funnel;

    /// <summary>Builds the K = <paramref name="numNets"/> sub-nets, each of the shape <paramref name="options"/>.</summary>
    public ParallelMemoryNet(MemoryNetOptions options, int numNets, bool funnelToZeroChunk, Rng rng)
        : base(options.InputDim, options.ActionDim, options.MemoryDim, new NamedTensors(rng))
    {
        int memoryDim = options.MemoryDim;
        if (numNets < 2) throw new ArgumentException($"parallelMemNetNA needs mem_num_mem_net >= 2, got {numNets}");
        if (memoryDim % numNets != 0)
            throw new ArgumentException($"memory_dim {memoryDim} is not divisible by mem_num_mem_net {numNets}");
        _chunk = memoryDim / numNets;
        _funnel = funnelToZeroChunk;
        _nets = new DenseMemoryNet[numNets];
        for (int i = 0; i < numNets; i++)
            _nets[i] = new DenseMemoryNet(Tensors, $"memory_nets.{i}.", options,
                i == 0 ? (funnelToZeroChunk ? memoryDim : _chunk) : 2 * _chunk, _chunk);
    }

    /// <summary>Width of one memory chunk.</summary>
    public int ChunkDim => _chunk;

    // Each sub-net embeds the input itself; a shared learned embedding in front is not offered.
    /// <inheritdoc/>
    protected override bool SupportsInputGradient => false;

    /// <inheritdoc/>
    protected override ModuleContext CreateCoreContext(int maxRows, bool inputGradient, Compute compute) => new Context(maxRows, _nets, _chunk, MemoryDim, compute);

    /// <inheritdoc/>
    protected override Matrix ForwardCore(Matrix input, Matrix action, Matrix memory, ModuleContext ctx, bool training)
    {
        var c = (Context)ctx;
        // A copy of the memory gives the chunk views one stable storage: no view is made per step.
        var mem = c.Memory.WithRows(memory.Rows);
        mem.CopyFrom(memory);
        var next = c.Next.WithRows(memory.Rows);
        var chunk0 = mem.Columns(0, _chunk, ref c.ChunkViews[0]);
        for (int i = 0; i < _nets.Length; i++)
        {
            var m = i == 0
                ? (_funnel ? mem : chunk0)
                : Matrix.Concat(c.Pairs[i], chunk0, mem.Columns(i * _chunk, _chunk, ref c.ChunkViews[i]));
            var y = _nets[i].Forward(input, action, m, c.Nets[i], training);
            next.Columns(i * _chunk, _chunk, ref c.NextViews[i]).CopyFrom(y);
        }
        return next;
    }

    /// <inheritdoc/>
    protected override Matrix? BackwardCore(Matrix dNext, ModuleContext ctx)
    {
        var c = (Context)ctx;
        var d = c.NextGrad.WithRows(dNext.Rows);
        d.CopyFrom(dNext); // stable storage for the chunk views, as in forward
        for (int i = 0; i < _nets.Length; i++) _nets[i].Backward(d.Columns(i * _chunk, _chunk, ref c.GradViews[i]), c.Nets[i]);
        return null;
    }

    private sealed class Context(int maxRows, DenseMemoryNet[] nets, int chunk, int memoryDim, Compute compute) : ModuleContext(maxRows)
    {
        public readonly ModuleContext[] Nets = nets.Select(n => n.CreateContext(maxRows, compute)).ToArray();
        public readonly Matrix[] Pairs = nets.Select(_ => new Matrix(maxRows, 2 * chunk)).ToArray();
        public readonly Matrix Next = new(maxRows, memoryDim);
        public readonly Matrix Memory = new(maxRows, memoryDim);
        public readonly Matrix NextGrad = new(maxRows, memoryDim);
        public readonly Matrix?[] ChunkViews = new Matrix?[nets.Length];
        public readonly Matrix?[] NextViews = new Matrix?[nets.Length];
        public readonly Matrix?[] GradViews = new Matrix?[nets.Length];
    }
}
