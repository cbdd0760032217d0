namespace MannRl.Training;

/// <summary>A training run of one learner: its epochs, evaluations, metrics rows and checkpoints, into its sink.</summary>
public interface ITrainer
{
    /// <summary>Runs all epochs; returns the last evaluation of each split.</summary>
    TrainingSummary Train(CancellationToken cancel = default);

    /// <summary>Where the run stands, for a progress display polling from another thread.</summary>
    TrainingProgress Progress { get; }
}
