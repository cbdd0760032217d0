namespace MannRl.Sweeps;

/// <summary>What Slurm says of one array task of a sweep (from <c>squeue</c>, or <c>sacct</c> once it ended).</summary>
/// <param name="Task">The task, <c>JOB_INDEX</c>.</param>
/// <param name="State">Slurm's state name, e.g. PENDING, RUNNING, COMPLETED, TIMEOUT, OUT_OF_MEMORY.</param>
/// <param name="Reason">Why it waits (squeue's reason), if it does.</param>
public sealed record SlurmTaskState(string Task, string State, string? Reason)
{
    /// <summary>Waiting for resources (or requeued).</summary>
    public bool IsPending => State is "PENDING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "SUSPENDED" or "RESV_DEL_HOLD";

    /// <summary>On a node now.</summary>
    public bool IsRunning => State is "RUNNING" or "CONFIGURING" or "COMPLETING" or "SIGNALING" or "STAGE_OUT" or "RESIZING";

    /// <summary>The state when the task has ended (e.g. TIMEOUT), else null.</summary>
    public string? FinalState => IsPending || IsRunning ? null : State;
}
