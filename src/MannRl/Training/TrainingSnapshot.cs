using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Training;

/// <summary>
/// What a checkpoint saves, as the trainer hands it to its sink: the live networks and optimizers at the end of
/// <paramref name="Epoch"/>, valid for the duration of the call.
/// </summary>
/// <param name="Epoch">1-based epoch just finished.</param>
/// <param name="Networks">The action net and the memory-net.</param>
/// <param name="ActionOptimizer">Optimizer of the action net.</param>
/// <param name="MemoryOptimizer">Optimizer of the memory-net.</param>
public sealed record TrainingSnapshot(int Epoch, MannNetworks Networks, Optimizer ActionOptimizer, Optimizer MemoryOptimizer);
