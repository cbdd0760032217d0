using MannRl.Training;

namespace MannRl.Runs;

/// <summary>What a caller of <see cref="TrainingRun.Execute"/> adds around a run.</summary>
/// <param name="Sink">
/// Given the run directory, returns the sink the trainer reports to: a sink that passes everything on to the run
/// directory and does more (e.g. redraws a picture of the curves). Null: the run directory itself.
/// </param>
/// <param name="Started">Called with the trainer once it is built, before training starts (e.g. to show its <see cref="ITrainer.Progress"/>).</param>
public sealed record TrainingRunHooks(Func<RunDirectory, ITrainingSink>? Sink = null, Action<ITrainer>? Started = null);
