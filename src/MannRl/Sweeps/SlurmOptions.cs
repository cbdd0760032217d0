namespace MannRl.Sweeps;

/// <summary>How a sweep's job array asks Slurm for resources.</summary>
/// <param name="CpusPerTask">CPUs of each array task (<c>--cpus-per-task</c>); the run uses as many threads.</param>
/// <param name="MemoryMiB">Memory of each task (<c>--mem</c>), from <see cref="Config.MemoryEstimate.SchedulerRequestMiB"/>.</param>
/// <param name="Partition">The partition, or null for the cluster's default.</param>
/// <param name="Time">The time limit (<c>--time</c>, e.g. <c>2:00:00</c>), or null for the partition's.</param>
/// <param name="MaxParallel">At most this many tasks at once (<c>%K</c> in <c>--array</c>), or null for no limit.</param>
/// <param name="ExtraArguments">More sbatch options, written as <c>#SBATCH</c> lines; an option named here replaces the
/// one mannrl would write (e.g. <c>--mem=16G</c>).</param>
public sealed record SlurmOptions(int CpusPerTask, long MemoryMiB, string? Partition, string? Time, int? MaxParallel,
    IReadOnlyList<string> ExtraArguments);
