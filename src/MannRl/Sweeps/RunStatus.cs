using System.Globalization;

namespace MannRl.Sweeps;

/// <summary>One run's state as <c>mannrl sweep status</c> shows it.</summary>
/// <param name="Run">The run.</param>
/// <param name="State">Its state.</param>
/// <param name="Record">What its process recorded, if it started.</param>
/// <param name="Detail">One line: the time taken, the error, where it runs or why it waits.</param>
public sealed record RunStatus(SweepRun Run, RunState State, RunRecord? Record, string? Detail)
{
    /// <summary>
    /// The state of every run of the sweep in <paramref name="sweepDirectory"/>, from the run records and locks and,
    /// when given, what Slurm says of the sweep's array tasks (by run index).
    /// </summary>
    public static IReadOnlyList<RunStatus> ReadAll(string sweepDirectory, SweepManifest manifest,
        IReadOnlyDictionary<int, SlurmTaskState>? slurm = null)
    {
        var store = new RunStateStore(sweepDirectory);
        return manifest.Runs.Select(run => Of(run, store.Read(run.Index), store.IsLocked(run.Index), slurm?.GetValueOrDefault(run.Index))).ToList();
    }

    /// <summary>The state from a record, whether its lock is held, and Slurm's view of its task (null: not in Slurm's queue).</summary>
    public static RunStatus Of(SweepRun run, RunRecord? record, bool locked, SlurmTaskState? slurm)
    {
        bool queued = slurm is { IsPending: true }, slurmRunning = slurm is { IsRunning: true };
        string where = record is null ? "" : record.SlurmJob is { } job ? $"slurm task {job} on {record.Host}" : $"process {record.ProcessId} on {record.Host}";
        return record?.State switch
        {
            RunState.Done => new(run, RunState.Done, record, $"{Seconds(record.Seconds)} on {record.Host}"),
            RunState.Failed when queued => new(run, RunState.Queued, record, $"requeued as slurm task {slurm!.Task} after: {record.Error}"),
            RunState.Failed => new(run, RunState.Failed, record, record.Error),
            RunState.Running when locked || slurmRunning => new(run, RunState.Running, record,
                $"{where}, {Seconds((DateTimeOffset.Now - record.Started).TotalSeconds)} so far"),
            RunState.Running when queued => new(run, RunState.Queued, record, $"requeued as slurm task {slurm!.Task} ({slurm.Reason})"),
            RunState.Running => new(run, RunState.Interrupted, record,
                $"{where} ended without an outcome" + (slurm?.FinalState is { } f ? $" (slurm: {f})" : "") + "; re-run the sweep to continue it"),
            _ when locked || slurmRunning => new(run, RunState.Running, record, slurm is null ? "starting" : $"slurm task {slurm.Task} starting"),
            _ when queued => new(run, RunState.Queued, record, $"slurm task {slurm!.Task} ({slurm.Reason})"),
            _ => new(run, RunState.Pending, record, slurm?.FinalState is { } f ? $"slurm task {slurm.Task} ended ({f}) before starting the run" : null),
        };
    }

    private static string Seconds(double? s) => s is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) + " s" : "-";
}
