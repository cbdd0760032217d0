using System.Diagnostics;
using MannRl.Config;

namespace MannRl.Sweeps;

/// <summary>Trains <paramref name="config"/> into the new run directory <paramref name="runDirectory"/>.</summary>
/// <param name="config">The run's effective config.</param>
/// <param name="runDirectory">The run directory (absent or empty).</param>
/// <param name="dataDirectory">The data directory.</param>
public delegate void RunTrainer(ExperimentConfig config, string runDirectory, string dataDirectory);

/// <summary>Continues the interrupted run in <paramref name="runDirectory"/> from its resume state (<c>TrainingRun.Resume</c>).</summary>
/// <param name="runDirectory">The run directory an earlier attempt left (its config.yaml written).</param>
public delegate void RunResumer(string runDirectory);

/// <summary>What <see cref="SweepRunExecutor.Execute"/> did.</summary>
public enum RunOutcome
{
    /// <summary>The run trained to the end.</summary>
    Trained,

    /// <summary>The run was already done; nothing ran.</summary>
    AlreadyDone,
}

/// <summary>
/// Runs one run of a sweep in this process (<c>mannrl sweep run OUTDIR --index I</c>, what both backends start): takes
/// the run's lock, records it running, trains, and records done or failed with the error's line.
/// </summary>
public static class SweepRunExecutor
{
    /// <summary>
    /// Runs run <paramref name="index"/> of the sweep in <paramref name="sweepDirectory"/>. A done run is skipped; an
    /// interrupted or failed one continues through <see cref="ResumeOrRestart"/> (with <paramref name="resume"/>).
    /// Exceptions from training are recorded and rethrown, but a stop (<see cref="OperationCanceledException"/>) leaves
    /// the run recorded running, which, its lock released, reads as interrupted: the next attempt resumes it.
    /// </summary>
    public static RunOutcome Execute(string sweepDirectory, int index, RunTrainer train, Action<string>? say = null, RunResumer? resume = null)
    {
        var manifest = SweepManifest.Load(sweepDirectory);
        var run = manifest.Run(index);
        var store = new RunStateStore(sweepDirectory);
        using var held = store.TryLock(index, TimeSpan.FromSeconds(5))
            ?? throw new SweepException($"run {index} ({run.Name}) is being trained by another process; see 'mannrl sweep status {sweepDirectory}'");
        var before = store.Read(index);
        if (before is { State: RunState.Done })
        {
            say?.Invoke($"run {index} ({run.Name}) is already done; nothing to do");
            return RunOutcome.AlreadyDone;
        }
        var config = ConfigLoader.Parse(run.Config, $"{SweepManifest.FileName}, run {index}").Config;
        string runDirectory = Path.GetFullPath(Path.Combine(sweepDirectory, run.Directory));
        var started = DateTimeOffset.Now;
        var running = new RunRecord(RunState.Running, started, null, null, null, Environment.MachineName, Environment.ProcessId, SlurmTask());
        store.Write(index, running);
        var clock = Stopwatch.StartNew();
        try
        {
            if (Directory.Exists(runDirectory))
            {
                ResumeOrRestart(config, runDirectory, manifest.DataDirectory, train, resume, say);
            }
            else
            {
                // An attempt that was stopped before it made its run directory left nothing to resume: say so, since
                // the sweep's status showed the run as interrupted.
                if (before is { State: not (RunState.Pending or RunState.Queued) })
                    say?.Invoke($"an earlier attempt stopped before it made {runDirectory}; starting the run");
                train(config, runDirectory, manifest.DataDirectory);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            store.Write(index, running with
            {
                State = RunState.Failed,
                Finished = DateTimeOffset.Now,
                Seconds = clock.Elapsed.TotalSeconds,
                Error = ErrorLine(e),
            });
            throw;
        }
        store.Write(index, running with { State = RunState.Done, Finished = DateTimeOffset.Now, Seconds = clock.Elapsed.TotalSeconds });
        return RunOutcome.Trained;
    }

    /// <summary>
    /// Continues a run whose directory an earlier attempt left behind (interrupted or failed): a run directory (its
    /// config.yaml written) is resumed from its last saved state, which ends bit for bit as an uninterrupted run; a
    /// directory the attempt left before writing its config (or any directory, without <paramref name="resume"/>) is
    /// removed and the run starts over, which gives the same results too (a seed fixes everything).
    /// </summary>
    public static void ResumeOrRestart(ExperimentConfig config, string runDirectory, string dataDirectory, RunTrainer train, RunResumer? resume,
        Action<string>? say)
    {
        if (resume is not null && File.Exists(Path.Combine(runDirectory, "config.yaml")))
        {
            say?.Invoke($"an earlier attempt left {runDirectory} unfinished; resuming it from its last saved state");
            resume(runDirectory);
            return;
        }
        say?.Invoke($"an earlier attempt left {runDirectory} before it started training; starting the run over");
        Directory.Delete(runDirectory, recursive: true);
        train(config, runDirectory, dataDirectory);
    }

    /// <summary>The exception's message as one line (its first), or its type when it has none.</summary>
    public static string ErrorLine(Exception e)
    {
        string line = e.Message.Split('\n', 2)[0].Trim();
        return line.Length > 0 ? line : e.GetType().Name;
    }

    private static string? SlurmTask()
    {
        string? job = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
        string? task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        if (job is not null && task is not null) return $"{job}_{task}";
        return Environment.GetEnvironmentVariable("SLURM_JOB_ID");
    }
}
