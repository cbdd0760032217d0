namespace MannRl.Sweeps;

/// <summary>Where one run of a sweep stands.</summary>
public enum RunState
{
    /// <summary>Not started, and not queued anywhere we can see.</summary>
    Pending,

    /// <summary>Submitted to Slurm and waiting for a node.</summary>
    Queued,

    /// <summary>A process is training it now.</summary>
    Running,

    /// <summary>Started, but its process ended without an outcome (killed, preempted, out of time): re-running the
    /// sweep continues it.</summary>
    Interrupted,

    /// <summary>Finished.</summary>
    Done,

    /// <summary>Ended with an error (the record holds its last line).</summary>
    Failed,
}
