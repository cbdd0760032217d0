namespace MannRl.Training;

/// <summary>One network a run builds and its parameter count.</summary>
/// <param name="Name">The net's name in the run's log and checkpoints: action, memory or lstm.</param>
/// <param name="Parameters">Trainable values.</param>
/// <param name="Note">How the learner uses it when not the usual way (a frozen or unused memory-net), or null.</param>
public sealed record NetworkSize(string Name, long Parameters, string? Note = null);
