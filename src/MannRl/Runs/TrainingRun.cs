using MannRl.Config;
using MannRl.Engine;
using MannRl.Training;

namespace MannRl.Runs;

/// <summary>
/// One whole training run into a new run directory, as <c>mannrl train</c> does it (and sweeps, once per run):
/// the data loaded and checked against the config, the directory created exclusively, the trainer built and run; or an
/// interrupted run continued from its resume state (<see cref="Resume"/>).
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
    /// <param name="cancel">Stops the run at the next step boundary, after writing its resume state (<see cref="OperationCanceledException"/>).</param>
    /// <param name="hooks">What a caller adds around the run (a progress display, sinks of its own), or null.</param>
    /// <returns>The last evaluations and the counts of the run.</returns>
    /// <exception cref="RunDirectoryException">The run directory is a file, not empty, or in use by another run.</exception>
    /// <exception cref="ConfigException">The config is invalid or does not fit the data.</exception>
    public static TrainingSummary Execute(ExperimentConfig config, string dataDir, string runDir, Compute compute,
        Action<string>? echo = null, CancellationToken cancel = default, TrainingRunHooks? hooks = null)
    {
        RunDirectory.CheckAvailable(runDir);
        var data = Experiment.LoadData(config, dataDir, echo);
        using var run = RunDirectory.Create(runDir, ConfigWriter.ToYaml(config), dataDir, echo, config.KeepCheckpoints);
        ITrainer trainer;
        try
        {
            trainer = Start(run, config, data, dataDir, compute, hooks, null);
        }
        catch
        {
            run.Abandon();
            throw;
        }
        return trainer.Train(cancel);
    }

    /// <summary>
    /// Continues the run in <paramref name="runDir"/> (written by <see cref="Execute"/>, then interrupted: killed,
    /// stopped, out of time) from its resume state, with its own config.yaml and the data directory of its run.json
    /// (or <paramref name="dataDir"/>). The run ends as it would have without the interruption: metrics.csv (but
    /// elapsed_seconds) and checkpoints bit for bit. A run killed before its first state starts over in place; a finished
    /// run is left as it is (<see cref="TrainingSummary.AlreadyFinished"/>).
    /// </summary>
    /// <exception cref="RunDirectoryException">The folder is not a run directory, or another run holds it.</exception>
    /// <exception cref="ConfigException">The run's config.yaml is invalid.</exception>
    /// <exception cref="InvalidDataException">The resume state is damaged or does not fit the run.</exception>
    public static TrainingSummary Resume(string runDir, Compute compute, Action<string>? echo = null, CancellationToken cancel = default,
        TrainingRunHooks? hooks = null, string? dataDir = null)
    {
        string full = Path.GetFullPath(runDir);
        string configPath = Path.Combine(full, RunFiles.Config);
        if (File.Exists(full)) throw new RunDirectoryException($"'{full}' is a file, not a run directory; pass the RUNDIR of an earlier 'mannrl train'");
        if (!Directory.Exists(full)) throw new RunDirectoryException($"run directory '{full}' does not exist; pass the RUNDIR of an earlier 'mannrl train'");
        if (!File.Exists(configPath))
            throw new RunDirectoryException($"'{full}' is not a run directory (no {RunFiles.Config}); pass the RUNDIR of an earlier 'mannrl train'");
        var config = ConfigLoader.Parse(File.ReadAllText(configPath), configPath).Config;
        dataDir ??= RunInfo.DataDir(full)
            ?? throw new RunDirectoryException($"'{full}' has no {RunFiles.Info} naming its data directory; pass --data-dir");
        var data = Experiment.LoadData(config, dataDir, echo);
        var (run, state) = RunDirectory.Reopen(full, echo, config.KeepCheckpoints);
        using (run)
        {
            if (state is not null && state.Finished(config.Epochs))
                return new TrainingSummary(null, null, state.GetLong("steps"), state.Values.ContainsKey("memory_trainings") ? state.GetLong("memory_trainings") : 0,
                    state.GetDouble("elapsed_seconds"))
                { AlreadyFinished = true };
            var trainer = Start(run, config, data, dataDir, compute, hooks, state);
            return trainer.Train(cancel);
        }
    }

    private static ITrainer Start(RunDirectory run, ExperimentConfig config, Data.SequenceDataset data, string dataDir, Compute compute,
        TrainingRunHooks? hooks, TrainerState? state)
    {
        if (state is not null) run.Log($"Resuming at epoch {state.Epoch + 1}" + (state.Step > 0 ? $", after step {state.Step}" : ""));
        run.Log($"Run directory {run.FullPath}; data {dataDir}; threads {compute.Threads}");
        run.Log($"Data set is {data.Name}: {data.Train.Count} train / {data.Validation.Count} validation sequences, input {data.InputDim}, targets {data.TargetDim}");
        var trainer = TrainerFactory.Create(config, data, hooks?.Sink?.Invoke(run) ?? run, compute);
        if (state is not null) trainer.Restore(state);
        hooks?.Started?.Invoke(trainer);
        return trainer;
    }
}
