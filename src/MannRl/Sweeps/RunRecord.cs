namespace MannRl.Sweeps;

/// <summary>
/// <c>OUTDIR/state/INDEX.json</c>: what the process that ran a run recorded. Written when it starts (state
/// <see cref="RunState.Running"/>) and when it ends (<see cref="RunState.Done"/> or <see cref="RunState.Failed"/>).
/// A record that still says running while no process holds the run's lock is an interrupted run.
/// </summary>
/// <param name="State">Running, done or failed.</param>
/// <param name="Started">When the run (its last attempt) started.</param>
/// <param name="Finished">When it ended; null while running.</param>
/// <param name="Seconds">Wall-clock seconds of the attempt; null while running.</param>
/// <param name="Error">The failure's message (one line); null unless failed.</param>
/// <param name="Host">The machine that ran it.</param>
/// <param name="ProcessId">The process that ran it.</param>
/// <param name="SlurmJob">The Slurm array task (<c>JOB_TASK</c>) when it ran under Slurm.</param>
public sealed record RunRecord(RunState State, DateTimeOffset Started, DateTimeOffset? Finished, double? Seconds, string? Error,
    string Host, int ProcessId, string? SlurmJob);
