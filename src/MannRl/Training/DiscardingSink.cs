using MannRl.Evaluation;

namespace MannRl.Training;

/// <summary>A training sink that keeps nothing: for trainers built to be measured, not to make a run.</summary>
public sealed class DiscardingSink : ITrainingSink
{
    /// <summary>The one instance.</summary>
    public static readonly DiscardingSink Instance = new();

    /// <inheritdoc/>
    public void Log(string message) { }

    /// <inheritdoc/>
    public void Metrics(MetricsRow row) { }

    /// <inheritdoc/>
    public void SaveCheckpoint(string name, TrainingSnapshot state) { }

    /// <inheritdoc/>
    public void SaveState(TrainerState state) { }
}
