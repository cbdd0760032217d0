using MannRl.Config;
using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// The two networks of a memory-augmented neural network: the action net and its memory-net. <see cref="Create"/> is
/// the one way a config's nets are built, for training and for reopening a saved run alike.
/// </summary>
/// <param name="Action">The action net.</param>
/// <param name="Memory">The memory-net.</param>
public sealed record MannNetworks(ActionNet Action, MemoryNet Memory)
{
    /// <summary>
    /// Builds the nets of <paramref name="config"/> for inputs of <paramref name="inputDim"/> and
    /// <paramref name="targetDim"/> targets (see <see cref="ModelFactory"/>), initialised from the streams
    /// <c>action-init</c> and <c>memory-init</c> forked, in that order, from <paramref name="rng"/>.
    /// </summary>
    public static MannNetworks Create(ExperimentConfig config, int inputDim, int targetDim, int? learnedEmbeddingDim, Rng rng)
    {
        var action = ModelFactory.CreateActionNet(config, inputDim, targetDim, rng.Fork("action-init"), learnedEmbeddingDim);
        var memory = ModelFactory.CreateMemoryNet(config, inputDim, targetDim, rng.Fork("memory-init"), learnedEmbeddingDim);
        if (config.MemOutputGain != 1) ScaleOutputNorms(memory, (float)config.MemOutputGain);
        if (config.MemLeak != 1) memory.Leak = (float)config.MemLeak;
        return new MannNetworks(action, memory);
    }

    /// <summary>
    /// <c>mem_output_gain</c>: the weights of the memory-net's output BatchNorms (named <c>norm</c>, or <c>PREFIX.norm</c>
    /// inside parallelMemNetNA: the ones right before the Sigmoid) start at <paramref name="gain"/> instead of 1. They
    /// scale the normalised activation the Sigmoid reads, and so how strongly the next memory depends on the last
    /// one (how long a trace lasts before it fades).
    /// </summary>
    private static void ScaleOutputNorms(MemoryNet memory, float gain)
    {
        foreach (var (name, norm) in memory.Tensors.Norms)
            if (name == "norm" || name.EndsWith(".norm", StringComparison.Ordinal)) norm.Weight.Values.Fill(gain);
    }
}
