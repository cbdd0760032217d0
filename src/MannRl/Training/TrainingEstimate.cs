namespace MannRl.Training;

/// <summary>
/// What a run will cost, from its nets built and a few real training steps and evaluation batches timed on them
/// (<see cref="TrainingEstimator"/>). Times are of this machine under its present load.
/// </summary>
/// <param name="Networks">The nets the config builds.</param>
/// <param name="StepsFirstEpoch">Training steps of the first epoch (MANN-RL: one per batch of symbols; LSTM: one per batch of sequences).</param>
/// <param name="StepsTimed">Steps timed (after warm-up steps that were not).</param>
/// <param name="SecondsPerStep">Mean seconds of a timed step, memory-net trainings included at their rate.</param>
/// <param name="SecondsPerEvaluation">Seconds one evaluation of the training data and the validation split takes, scaled from timed batches.</param>
/// <param name="EpochSeconds">Estimated training seconds of each epoch (more where a curriculum grows the data).</param>
/// <param name="Evaluations">Evaluations the run does (every <c>eval_interval</c> epochs).</param>
public sealed record TrainingEstimate(
    IReadOnlyList<NetworkSize> Networks,
    long StepsFirstEpoch,
    int StepsTimed,
    double SecondsPerStep,
    double SecondsPerEvaluation,
    IReadOnlyList<double> EpochSeconds,
    int Evaluations)
{
    /// <summary>Parameters of all nets.</summary>
    public long TotalParameters => Networks.Sum(n => n.Parameters);

    /// <summary>Training seconds of the first epoch.</summary>
    public double FirstEpochSeconds => EpochSeconds.Count > 0 ? EpochSeconds[0] : 0;

    /// <summary>Estimated seconds of the whole run: every epoch's training and every evaluation.</summary>
    public double RunSeconds => EpochSeconds.Sum() + Evaluations * SecondsPerEvaluation;
}
