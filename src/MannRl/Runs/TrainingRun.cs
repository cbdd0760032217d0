using MannRl.Config;
using MannRl.Engine;
using MannRl.Training;

namespace MannRl.Runs;

/// <summary>
/// One whole training run into a new run directory, as <c>mannrl train</c> does it (and sweeps, once per run):
/// the data loaded and checked against the config, the directory created exclusively, the trainer built and run.
/// </summary>
public static class TrainingRun
{
    /// <summary>
    /// Trains <paramref name="config"/> on the data under <paramref name="dataDir"/> into <paramref name="runDir"/>
    /// (absent or empty). A start that fails before training leaves the directory as it found it.
    /// </summary>
    /// <param name="config">The effective config (overrides applied).</param>
    /// <param name="dataDir">The resolved data directory, recorded in run.json.</param>
    /// <param name="runDir">The run directory to create.</param>
    /// <param name="compute">The threads the engine may use (their count is recorded in the log).</param>
    /// <param name="echo">Also receives the data loader's messages and every log line (e.g. the console).</param>
    /// <param name="cancel">Stops the run between epochs.</param>
    /// <param name="hooks">What a caller adds around the run (a progress display, sinks of its own), or null.</param>
    /// <returns>The last evaluations and the counts of the run.</returns>
    /// <exception cref="RunDirectoryException">The run directory is a file, not empty, or in use by another run.</exception>
    /// <exception cref="ConfigException">The config is invalid or does not fit the data.</exception>
    public static TrainingSummary Execute(ExperimentConfig config, string dataDir, string runDir, Compute compute,
        Action<string>? echo = null, CancellationToken cancel = default, TrainingRunHooks? hooks = null)
    {
        RunDirectory.CheckAvailable(runDir);
        var data = Experiment.LoadData(config, dataDir, echo);
        using var run = RunDirectory.Create(runDir, ConfigWriter.ToYaml(config), dataDir, echo);
        ITrainer trainer;
        try
        {
            run.Log($"Run directory {run.FullPath}; data {dataDir}; threads {compute.Threads}");
            run.Log($"Data set is {data.Name}: {data.Train.Count} train / {data.Validation.Count} validation sequences, input {data.InputDim}, targets {data.TargetDim}");
            trainer = TrainerFactory.Create(config, data, hooks?.Sink?.Invoke(run) ?? run, compute);
            hooks?.Started?.Invoke(trainer);
        }
        catch
        {
            run.Abandon();
            throw;
        }
        return trainer.Train(cancel);
    }
}
