using MannRl.Evaluation;

namespace MannRl.Training;

/// <summary>Where a training run reports: the log, the metrics table and checkpoint saves.</summary>
public interface ITrainingSink
{
    /// <summary>One log line (what the original wrote to experiment.log).</summary>
    void Log(string message);

    /// <summary>One row of metrics.csv.</summary>
    void Metrics(MetricsRow row);

    /// <summary>Saves the networks and optimizer state of <paramref name="state"/> under <paramref name="name"/> (e.g. <c>t11</c>).</summary>
    void SaveCheckpoint(string name, TrainingSnapshot state);

    /// <summary>
    /// Keeps <paramref name="state"/> (valid for the duration of the call) as the run's resume state, replacing the
    /// previous one: after every epoch and when the run is stopped.
    /// </summary>
    void SaveState(TrainerState state);
}
