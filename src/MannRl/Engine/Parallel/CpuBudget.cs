namespace MannRl.Engine.Parallel;

/// <summary>
/// How many CPUs this process may count on: the CPUs it may run on (<see cref="Environment.ProcessorCount"/> follows
/// the affinity mask and a container's CPU quota), and no more than a Slurm task was given
/// (<c>SLURM_CPUS_PER_TASK</c>), which a job step may not enforce by binding.
/// </summary>
internal static class CpuBudget
{
    /// <summary>The Slurm variable naming the CPUs of each task of a job step.</summary>
    public const string SlurmCpusPerTask = "SLURM_CPUS_PER_TASK";

    /// <summary>The CPUs of this process, as <see cref="For"/> reads them from the environment.</summary>
    public static int Cpus => For(Environment.ProcessorCount, Environment.GetEnvironmentVariable(SlurmCpusPerTask));

    /// <summary>
    /// <paramref name="processorCount"/>, lowered to <paramref name="slurmCpusPerTask"/> when that is a positive number
    /// (anything else, as an unset variable, is ignored); at least 1.
    /// </summary>
    public static int For(int processorCount, string? slurmCpusPerTask)
    {
        int cpus = Math.Max(processorCount, 1);
        if (int.TryParse(slurmCpusPerTask, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int slurm)
            && slurm > 0)
            cpus = Math.Min(cpus, slurm);
        return cpus;
    }
}
