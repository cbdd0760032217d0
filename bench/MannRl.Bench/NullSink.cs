using MannRl.Evaluation;
using MannRl.Training;

namespace MannRl.Bench;

/// <summary>A training sink that keeps nothing: the benchmark times the trainer, not its logging or checkpoints.</summary>
public sealed class NullSink : ITrainingSink
{
    /// <summary>The one instance.</summary>
    public static readonly NullSink Instance = new();

    /// <inheritdoc/>
    public void Log(string message) { }

    /// <inheritdoc/>
    public void Metrics(MetricsRow row) { }

    /// <inheritdoc/>
    public void SaveCheckpoint(string name, TrainingSnapshot state) { }
}
