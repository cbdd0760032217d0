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
        ActionModelKind.EmbDann => new EmbDann(inputDim, c.MemoryDim, targetDim, Required(c.ActionEmbeddingDim, "action_embedding_dim", c.ActionModel), rng),
        ActionModelKind.ParallelActionNet => new ParallelActionNet(new ParallelActionNetOptions
        {
            InputDim = inputDim,
            EmbeddingDim = Required(c.ActionEmbeddingDim, "action_embedding_dim", c.ActionModel),
            MemoryDim = c.MemoryDim,
            ChunkDim = Required(c.ActionChunkDim, "action_chunk_dim", c.ActionModel),
            TargetDim = targetDim,
            ActivationIsTanh = c.ActionFnIsTanh,
            EmbeddingActivationIsTanh = c.ActionEmbFnIsTanh,
        }, rng),
        _ => throw new InvalidOperationException($"no action net for action_model '{c.ActionModel}'"),
    };

    private static MemoryNet CreateMemoryNetCore(ExperimentConfig c, int inputDim, int targetDim, Rng rng)
    {
        var flat = new MemoryNetOptions
        {
            InputDim = inputDim,
            MemoryDim = c.MemoryDim,
            ActivationIsTanh = c.MemFnIsTanh,
            EmbeddingActivationIsTanh = c.MemEmbFnIsTanh,
        };
        int layers = c.MemNumIntermediateLayers, layerDim = c.MemIntermediateDim;
        return c.MemModelKind switch
        {
            MemoryModelKind.FlatMnn => new DenseMemoryNet(flat with { ActionDim = targetDim }, rng),
            MemoryModelKind.FlatMnnNA => new DenseMemoryNet(flat, rng),
            MemoryModelKind.EmbMnn => new DenseMemoryNet(flat with { ActionDim = targetDim, EmbeddingDim = MemEmbeddingDim(c) }, rng),
            MemoryModelKind.EmbMnnNA => new DenseMemoryNet(flat with { EmbeddingDim = MemEmbeddingDim(c) }, rng),
            MemoryModelKind.EmbWLMnnNA => new DenseMemoryNet(
                flat with { EmbeddingDim = MemEmbeddingDim(c), IntermediateLayers = layers, IntermediateDim = layerDim }, rng),
            MemoryModelKind.ParallelMemNetNA => new ParallelMemoryNet(
                flat with { EmbeddingDim = c.MemEmbeddingDim ?? 0, IntermediateLayers = layers, IntermediateDim = layerDim },
                numNets: Required(c.MemNumMemNet, "mem_num_mem_net", c.MemModel), funnelToZeroChunk: c.MemFunnelToZeroChunk, rng),
            _ => throw new InvalidOperationException($"no memory-net for mem_model '{c.MemModel}'"),
        };
    }

    private static int MemEmbeddingDim(ExperimentConfig c) => Required(c.MemEmbeddingDim, "mem_embedding_dim", c.MemModel);

    private static int Required(int? value, string key, string model) =>
        value is > 0 ? value.Value : throw new ConfigException("config", key, null, $"{model} needs '{key}' (a positive integer); add it to the config");
}
