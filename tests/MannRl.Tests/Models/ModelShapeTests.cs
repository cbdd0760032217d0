using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Tests.Models;

public class ModelShapeTests
{
    private static long LinearCount(int i, int o) => (long)i * o + o;
    private static long NormCount(int f) => 2L * f;
    private static long BlockCount(int i, int o) => LinearCount(i, o) + NormCount(o);

    private static Matrix Random(int rows, int cols, ulong seed)
    {
        var rng = new Rng(seed);
        var m = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++) foreach (ref float v in m.Row(r)) v = rng.Uniform(-1, 1);
        return m;
    }

    [Fact]
    public void LogicBestModelsHaveTheOriginalsParameterCounts()
    {
        // The original logs 4,318 (action) and 2,976 (memory) for the logic best config (reference README).
        var action = new FlatDann(11, 48, 11, useSwish: true, new Rng(1));
        var memory = new DenseMemoryNet(new MemoryNetOptions { InputDim = 11, MemoryDim = 48 }, new Rng(2));
        Assert.Equal(4318, action.ParameterCount);
        Assert.Equal(2976, memory.ParameterCount);
    }

    public static TheoryData<string> ActionVariants => ["flatdann", "flatdann-swish", "embdann", "parallel", "parallel-tanh", "parallel-single"];

    [Theory]
    [MemberData(nameof(ActionVariants))]
    public void ActionNetsOutputProbabilitiesOfTheRightShape(string variant)
    {
        const int I = 7, T = 5, E = 6, rows = 4;
        int m = variant.StartsWith("parallel") ? (variant == "parallel-single" ? 8 : 32) : 9;
        ActionNet net = variant switch
        {
            "flatdann" => new FlatDann(I, m, T, false, new Rng(3)),
            "flatdann-swish" => new FlatDann(I, m, T, true, new Rng(3)),
            "embdann" => new EmbDann(I, m, T, E, new Rng(3)),
            "parallel" => new ParallelActionNet(new ParallelActionNetOptions { InputDim = I, EmbeddingDim = E, MemoryDim = m, ChunkDim = 8, TargetDim = T }, new Rng(3)),
            "parallel-tanh" => new ParallelActionNet(new ParallelActionNetOptions { InputDim = I, EmbeddingDim = E, MemoryDim = m, ChunkDim = 8, TargetDim = T, ActivationIsTanh = true, EmbeddingActivationIsTanh = true }, new Rng(3)),
            _ => new ParallelActionNet(new ParallelActionNetOptions { InputDim = I, EmbeddingDim = E, MemoryDim = m, ChunkDim = 8, TargetDim = T }, new Rng(3)),
        };
        long expected = variant switch
        {
            "flatdann" or "flatdann-swish" => BlockCount(I + m, I + m) + LinearCount(I + m, T),
            "embdann" => BlockCount(I, E) + 2 * BlockCount(E + m, E + m) + LinearCount(E + m, T),
            // m = 32, C = 8: layer 0 = 2 nets of (emb + 16 -> 8), layer 1 = 16 -> 8 (1 net), final 8 -> T.
            "parallel" or "parallel-tanh" => 2 * (BlockCount(I, E) + BlockCount(E + 16, 8)) + BlockCount(16, 8) + BlockCount(8, T),
            _ => BlockCount(I, E) + BlockCount(E + 8, T), // m <= C: the final layer is the only one
        };
        Assert.Equal(expected, net.ParameterCount);

        var ctx = net.CreateContext(rows, Compute.SingleThread);
        var probs = net.Forward(Random(rows, I, 4), Random(rows, m, 5), ctx, training: true);
        Assert.Equal((rows, T), (probs.Rows, probs.Cols));
        for (int r = 0; r < rows; r++) Assert.Equal(1f, probs.Row(r).ToArray().Sum(), 4);

        // Backward reaches every parameter.
        net.Backward(Random(rows, T, 6), ctx, gradientIsForLogits: false);
        foreach (var (name, p) in net.Tensors.NamedParameters)
            Assert.True(p.Gradient.ToArray().Any(g => g != 0), $"{variant}: no gradient reached {name}");
    }

    [Fact]
    public void ParallelActionNetLayersHalveTheWidthAsTheOriginal()
    {
        // memory 8,192 with chunks of 1,024 (the 5k sentence setting): 8192 -> 4096 -> 2048 -> 1024 -> T.
        var net = new ParallelActionNet(new ParallelActionNetOptions { InputDim = 3, EmbeddingDim = 4, MemoryDim = 8192, ChunkDim = 1024, TargetDim = 5, EmbeddingActivationIsTanh = true }, new Rng(1));
        Assert.Equal([(8192, 4096, 4), (4096, 2048, 2), (2048, 1024, 1), (1024, 5, 1)], net.LayerShapes);
    }

    public static TheoryData<string> MemoryVariants => ["flatmnn", "flatmnnNA", "embmnn", "embmnnNA", "embWLmnnNA", "parallel", "parallel-funnel"];

    [Theory]
    [MemberData(nameof(MemoryVariants))]
    public void MemoryNetsOutputMemoriesInZeroOne(string variant)
    {
        const int I = 7, T = 5, E = 6, M = 12, K = 10, rows = 5;
        MemoryNet net = variant switch
        {
            "flatmnn" => new DenseMemoryNet(new MemoryNetOptions { InputDim = I, MemoryDim = M, ActionDim = T }, new Rng(7)),
            "flatmnnNA" => new DenseMemoryNet(new MemoryNetOptions { InputDim = I, MemoryDim = M }, new Rng(7)),
            "embmnn" => new DenseMemoryNet(new MemoryNetOptions { InputDim = I, MemoryDim = M, ActionDim = T, EmbeddingDim = E }, new Rng(7)),
            "embmnnNA" => new DenseMemoryNet(new MemoryNetOptions { InputDim = I, MemoryDim = M, EmbeddingDim = E, EmbeddingActivationIsTanh = true }, new Rng(7)),
            "embWLmnnNA" => new DenseMemoryNet(new MemoryNetOptions { InputDim = I, MemoryDim = M, EmbeddingDim = E, IntermediateLayers = 2, IntermediateDim = K, ActivationIsTanh = true }, new Rng(7)),
            "parallel" => new ParallelMemoryNet(new MemoryNetOptions { InputDim = I, MemoryDim = M, EmbeddingDim = E }, numNets: 3, funnelToZeroChunk: false, new Rng(7)),
            _ => new ParallelMemoryNet(new MemoryNetOptions { InputDim = I, MemoryDim = M, EmbeddingDim = E, IntermediateLayers = 1, IntermediateDim = K, EmbeddingActivationIsTanh = true }, numNets: 3, funnelToZeroChunk: true, new Rng(7)),
        };
        long expected = variant switch
        {
            "flatmnn" => BlockCount(I + M + T, M),
            "flatmnnNA" => BlockCount(I + M, M),
            "embmnn" => BlockCount(I, E) + BlockCount(E + M + T, M),
            "embmnnNA" => BlockCount(I, E) + BlockCount(E + M, M),
            // base = E + M; h1 reads base, h2 reads base + K, the output reads base + K.
            "embWLmnnNA" => BlockCount(I, E) + BlockCount(E + M, K) + BlockCount(E + M + K, K) + BlockCount(E + M + K, M),
            // C = 4: net 0 reads chunk 0 (4), nets 1, 2 read 2 chunks (8).
            "parallel" => 3 * BlockCount(I, E) + BlockCount(E + 4, 4) + 2 * BlockCount(E + 8, 4),
            // funnel: net 0 reads the whole memory; one dense-skip layer each.
            _ => 3 * BlockCount(I, E) + BlockCount(E + M, K) + BlockCount(E + M + K, 4) + 2 * (BlockCount(E + 8, K) + BlockCount(E + 8 + K, 4)),
        };
        Assert.Equal(expected, net.ParameterCount);

        var ctx = net.CreateContext(rows, Compute.SingleThread);
        var next = net.Forward(Random(rows, I, 8), Random(rows, T, 9), Random(rows, M, 10), ctx, training: true);
        Assert.Equal((rows, M), (next.Rows, next.Cols));
        Assert.All(next.ToArray(), v => Assert.InRange(v, 0f, 1f));
        net.Backward(Random(rows, M, 11), ctx);
        foreach (var (name, p) in net.Tensors.NamedParameters)
            Assert.True(p.Gradient.ToArray().Any(g => g != 0), $"{variant}: no gradient reached {name}");
    }

    [Fact]
    public void NaVariantsIgnoreTheAction()
    {
        var net = new DenseMemoryNet(new MemoryNetOptions { InputDim = 3, MemoryDim = 4 }, new Rng(1));
        var x = Random(2, 3, 1);
        var m = Random(2, 4, 2);
        var a = net.Forward(x, Random(2, 5, 3), m, net.CreateContext(2, Compute.SingleThread), training: false).ToArray();
        var b = net.Forward(x, Random(2, 5, 4), m, net.CreateContext(2, Compute.SingleThread), training: false).ToArray();
        Assert.Equal(a, b);
    }

    [Fact]
    public void TensorNamesFollowTheOriginalsModules()
    {
        var names = new FlatDann(2, 3, 2, false, new Rng(1)).Tensors.All().Select(t => t.Name).ToArray();
        Assert.Equal(["linear.weight", "linear.bias", "norm.weight", "norm.bias", "decision.weight", "decision.bias",
            "norm.running_mean", "norm.running_var"], names);
        var par = new ParallelMemoryNet(new MemoryNetOptions { InputDim = 2, MemoryDim = 4, EmbeddingDim = 3 }, numNets: 2, funnelToZeroChunk: false, new Rng(1));
        Assert.Contains("memory_nets.1.emb_linear.weight", par.Tensors.All().Select(t => t.Name));
    }
}
