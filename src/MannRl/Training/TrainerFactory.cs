using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;

namespace MannRl.Training;

/// <summary>The trainer of a config's <c>model</c>: <see cref="LstmTrainer"/> for lstm, else <see cref="Trainer"/> (MANN-RL and its ablations).</summary>
public static class TrainerFactory
{
    /// <summary>Builds the trainer (dims already checked against the data), to run on the threads <paramref name="compute"/> allows.</summary>
    public static ITrainer Create(ExperimentConfig config, SequenceDataset data, ITrainingSink sink, Compute compute) =>
        config.ModelKind == LearnerKind.Lstm ? new LstmTrainer(config, data, sink, compute) : new Trainer(config, data, sink, compute);
}
