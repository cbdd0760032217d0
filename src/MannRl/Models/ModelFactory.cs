using MannRl.Config;
using MannRl.Engine;

namespace MannRl.Models;

/// <summary>Builds the action net and memory-net named by a config (spec section 2).</summary>
public static class ModelFactory
{
    /// <summary>
    /// The action net of <c>action_model</c> for inputs of <paramref name="inputDim"/>; with
    /// <paramref name="learnedEmbeddingDim"/> the inputs are one-hot ids embedded by a trainable lookup first.
    /// </summary>
    public static ActionNet CreateActionNet(ExperimentConfig c, int inputDim, int targetDim, Rng rng, int? learnedEmbeddingDim = null)
    {
        var net = CreateActionNetCore(c, learnedEmbeddingDim ?? inputDim, targetDim, rng);
        if (learnedEmbeddingDim is not null)
        {
            if (net is ParallelActionNet)
                throw new ConfigException("config", "pos_embeddings", null, "learned embeddings work with flatdann and embdann; use random:DIM or glove:PATH with parallelActionNet");
            net.UseLearnedInputEmbedding(inputDim);
        }
        return net;
    }

    /// <summary>The memory-net of <c>mem_model</c>; see <see cref="CreateActionNet"/> for <paramref name="learnedEmbeddingDim"/>.</summary>
    public static MemoryNet CreateMemoryNet(ExperimentConfig c, int inputDim, int targetDim, Rng rng, int? learnedEmbeddingDim = null)
    {
        var net = CreateMemoryNetCore(c, learnedEmbeddingDim ?? inputDim, targetDim, rng);
        if (learnedEmbeddingDim is not null)
        {
            if (net is ParallelMemoryNet)
                throw new ConfigException("config", "pos_embeddings", null, "learned embeddings work with the flat and emb memory-nets; use random:DIM or glove:PATH with parallelMemNetNA");
            net.UseLearnedInputEmbedding(inputDim);
        }
        return net;
    }

    private static ActionNet CreateActionNetCore(ExperimentConfig c, int inputDim, int targetDim, Rng rng) => c.ActionModelKind switch
    {
        ActionModelKind.FlatDann => new FlatDann(inputDim, c.MemoryDim, targetDim, c.UseSwish, rng),
        ActionModelKind.EmbDann => new EmbDann(inputDim, c.MemoryDim, targetDim, Required(c.ActionEmbeddingDim, "action_embedding_dim", "embdann"), rng),
        ActionModelKind.ParallelActionNet => new ParallelActionNet(inputDim, Required(c.ActionEmbeddingDim, "action_embedding_dim", "parallelActionNet"),
            c.MemoryDim, Required(c.ActionChunkDim, "action_chunk_dim", "parallelActionNet"), targetDim,
            c.ActionFnIsTanh, c.ActionEmbFnIsTanh, rng),
        _ => throw new InvalidOperationException($"no action net for action_model '{c.ActionModel}'"),
    };

    private static MemoryNet CreateMemoryNetCore(ExperimentConfig c, int inputDim, int targetDim, Rng rng)
    {
        int layers = c.MemNumIntermediateLayers, layerDim = c.MemIntermediateDim;
        return c.MemModelKind switch
        {
            MemoryModelKind.FlatMnn => new DenseMemoryNet(inputDim, c.MemoryDim, targetDim, 0, 0, 0, c.MemFnIsTanh, c.MemEmbFnIsTanh, rng),
            MemoryModelKind.FlatMnnNA => new DenseMemoryNet(inputDim, c.MemoryDim, 0, 0, 0, 0, c.MemFnIsTanh, c.MemEmbFnIsTanh, rng),
            MemoryModelKind.EmbMnn => new DenseMemoryNet(inputDim, c.MemoryDim, targetDim, Required(c.MemEmbeddingDim, "mem_embedding_dim", "embmnn"),
                0, 0, c.MemFnIsTanh, c.MemEmbFnIsTanh, rng),
            MemoryModelKind.EmbMnnNA => new DenseMemoryNet(inputDim, c.MemoryDim, 0, Required(c.MemEmbeddingDim, "mem_embedding_dim", "embmnnNA"),
                0, 0, c.MemFnIsTanh, c.MemEmbFnIsTanh, rng),
            MemoryModelKind.EmbWLMnnNA => new DenseMemoryNet(inputDim, c.MemoryDim, 0, Required(c.MemEmbeddingDim, "mem_embedding_dim", "embWLmnnNA"),
                layers, layerDim, c.MemFnIsTanh, c.MemEmbFnIsTanh, rng),
            MemoryModelKind.ParallelMemNetNA => new ParallelMemoryNet(Required(c.MemNumMemNet, "mem_num_mem_net", "parallelMemNetNA"), inputDim, c.MemoryDim, 0,
                c.MemEmbeddingDim ?? 0, layers, layerDim, c.MemFunnelToZeroChunk, c.MemFnIsTanh, c.MemEmbFnIsTanh, rng),
            _ => throw new InvalidOperationException($"no memory-net for mem_model '{c.MemModel}'"),
        };
    }

    private static int Required(int? value, string key, string model) =>
        value is > 0 ? value.Value : throw new ConfigException("config", key, null, $"{model} needs '{key}' (a positive integer); add it to the config");
}
