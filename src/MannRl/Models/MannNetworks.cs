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
        return new MannNetworks(action, memory);
    }
}
