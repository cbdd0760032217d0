using MannRl.Checkpoints;

namespace MannRl.Training;

/// <summary>
/// What a checkpoint saves, as a trainer hands it to its sink: the live networks and optimizers at the end of
/// <paramref name="Epoch"/>, valid for the duration of the call.
/// </summary>
/// <param name="Epoch">1-based epoch just finished.</param>
/// <param name="Parts">The nets with their optimizers: MANN-RL's action net and memory-net, or the LSTM baseline's net.</param>
public sealed record TrainingSnapshot(int Epoch, IReadOnlyList<CheckpointPart> Parts);
