using System.CommandLine;
using MannRl.Engine;

namespace MannRl.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Data directory (default: $NM_DATA_DIR, else ./data). The logic data is <dir>/logic/logic.dataset.json.",
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Threads for large matrix products (results do not depend on it; default: the CPUs this process may use, within SLURM_CPUS_PER_TASK).",
        DefaultValueFactory = _ => Compute.DefaultThreads,
    };

    public static Option<string?> Checkpoint() => new("--checkpoint")
    {
        Description = "Checkpoint name, e.g. t71 (default: the last one saved; see RUNDIR/checkpoints/).",
    };

    public static Option<string?> Split()
    {
        var split = new Option<string?>("--split")
        {
            Description = "Which split: train, validation or test (default: validation; with --data: every sequence of the file).",
        };
        split.Validators.Add(r =>
        {
            string? value = r.GetValueOrDefault<string?>();
            if (value is not (null or "train" or "validation" or "test")) r.AddError($"unknown split '{value}': use train, validation or test");
        });
        return split;
    }

    public static Option<string?> Data() => new("--data")
    {
        Description = "Another data set of the run's task: a file (or its folder) written by 'mannrl data make' "
            + "(logic, copy, repeat-copy, associative-recall); its alphabet must be the run's.",
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a config key, KEY=VALUE in YAML syntax (e.g. --set history=16 --set mem_lr_rate_decay=[[100,150],0.5]); repeatable, checked as in a config file.",
        HelpName = "KEY=VALUE",
        DefaultValueFactory = _ => [],
    };

    /// <summary>The data directory of <c>--data-dir</c>, resolved, or null when not given.</summary>
    public static string? ResolveDataDir(string? value) => value is null ? null : MannRl.Data.DataDirectory.Resolve(value);

    /// <summary>
    /// The engine setting for <c>--threads</c>, with the calling thread (the command's computing thread) kept off the
    /// helpers' CPUs.
    /// </summary>
    public static Compute CreateCompute(int threads)
    {
        if (threads < 1) throw new UsageException($"--threads must be at least 1, got {threads}");
        // More threads than CPUs only adds waiting (results never depend on the count); a huge count would hang creating them.
        int cpus = Environment.ProcessorCount;
        if (threads > cpus)
            throw new UsageException($"--threads {threads} is more than the {cpus} CPU{(cpus == 1 ? "" : "s")} this process may use; pass --threads {cpus} or less");
        var compute = new Compute(threads);
        compute.KeepCallingThreadOffHelpers();
        return compute;
    }
}
