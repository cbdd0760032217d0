namespace MannRl.Training;

/// <summary>A training run of one learner: its epochs, evaluations, metrics rows and checkpoints, into its sink.</summary>
public interface ITrainer
{
    /// <summary>
    /// Runs all epochs (from where <see cref="Restore"/> put the run, if called); returns the last evaluation of each
    /// split. A resume state goes to the sink after every epoch and, on <paramref name="cancel"/>, at the next step
    /// boundary, before <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    TrainingSummary Train(CancellationToken cancel = default);

    /// <summary>Puts the run where a saved resume state left it, before <see cref="Train"/>.</summary>
    /// <exception cref="InvalidDataException">The state does not fit this run.</exception>
    void Restore(TrainerState state);

    /// <summary>Where the run stands, for a progress display polling from another thread.</summary>
    TrainingProgress Progress { get; }
}
