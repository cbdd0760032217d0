using MannRl.Config;
using MannRl.Data;

namespace MannRl.Training;

/// <summary>The trainer of a config's <c>model</c>: <see cref="LstmTrainer"/> for lstm, else <see cref="Trainer"/> (MANN-RL and its ablations).</summary>
public static class TrainerFactory
{
    /// <summary>Builds the trainer (dims already checked against the data).</summary>
    public static ITrainer Create(ExperimentConfig config, SequenceDataset data, ITrainingSink sink) =>
        config.ModelKind == LearnerKind.Lstm ? new LstmTrainer(config, data, sink) : new Trainer(config, data, sink);
}
