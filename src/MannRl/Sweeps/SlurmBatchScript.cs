using System.Globalization;
using System.Text;

namespace MannRl.Sweeps;

/// <summary>
/// The batch script of a sweep's Slurm job array: one array task per run index, each running <c>mannrl sweep run
/// OUTDIR --index $SLURM_ARRAY_TASK_ID</c> with as many threads as CPUs; output in <c>OUTDIR/slurm/JOB_TASK.out</c>.
/// Requeued or preempted tasks run the same command again, which continues the run (<see cref="SweepRunExecutor"/>).
/// </summary>
public static class SlurmBatchScript
{
    /// <summary>The script's text.</summary>
    public static string Text(string sweepDirectory, IReadOnlyList<int> indices, SlurmOptions options, MannrlCommand mannrl)
    {
        string dir = Path.GetFullPath(sweepDirectory);
        var given = options.ExtraArguments.Select(OptionName).ToHashSet();
        var s = new StringBuilder("#!/bin/bash\n");
        s.Append("# mannrl sweep: ").Append(indices.Count).Append(" runs of ").Append(dir).Append(" (written by mannrl sweep --backend slurm)\n");
        void Directive(string option, string? value)
        {
            if (value is not null && !given.Contains(option)) s.Append("#SBATCH ").Append(option).Append('=').Append(value).Append('\n');
        }
        Directive("--job-name", "mannrl-" + Path.GetFileName(dir.TrimEnd('/')));
        Directive("--array", ArraySpec(indices) + (options.MaxParallel is { } k ? "%" + k.ToString(CultureInfo.InvariantCulture) : ""));
        Directive("--cpus-per-task", options.CpusPerTask.ToString(CultureInfo.InvariantCulture));
        Directive("--ntasks", "1");
        Directive("--mem", options.MemoryMiB.ToString(CultureInfo.InvariantCulture) + "M");
        Directive("--time", options.Time);
        Directive("--partition", options.Partition);
        Directive("--output", Path.Combine(dir, "slurm", "%A_%a.out"));
        Directive("--open-mode", "append");
        if (!given.Contains("--requeue") && !given.Contains("--no-requeue")) s.Append("#SBATCH --requeue\n");
        foreach (string extra in options.ExtraArguments) s.Append("#SBATCH ").Append(extra).Append('\n');
        s.Append('\n');
        foreach (string file in mannrl.Files)
            s.Append("if [ ! -e ").Append(Quote(file)).Append(" ]; then echo \"error: ").Append(file.Replace("\"", "'"))
                .Append(" is missing on $(hostname); rebuild mannrl or resubmit with 'mannrl sweep'\" >&2; exit 2; fi\n");
        if (mannrl.DotnetRoot is { } root) s.Append("export DOTNET_ROOT=").Append(Quote(root)).Append('\n');
        s.Append("exec ").Append(Quote(mannrl.FileName));
        foreach (string a in mannrl.With("sweep", "run", dir)) s.Append(' ').Append(Quote(a));
        s.Append(" --index \"$SLURM_ARRAY_TASK_ID\" --threads \"${SLURM_CPUS_PER_TASK:-").Append(options.CpusPerTask).Append("}\"\n");
        return s.ToString();
    }

    /// <summary>Indices as Slurm's array list: <c>0-4,7,9-10</c>.</summary>
    public static string ArraySpec(IReadOnlyList<int> indices)
    {
        var sorted = indices.Distinct().Order().ToList();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    /// <summary>A word in single quotes for bash.</summary>
    internal static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    private static string OptionName(string argument)
    {
        int eq = argument.IndexOf('=');
        string name = eq < 0 ? argument.Split(' ')[0] : argument[..eq];
        return name switch { "-p" => "--partition", "-t" => "--time", "-c" => "--cpus-per-task", "-o" => "--output", "-J" => "--job-name", "-a" => "--array", "-n" => "--ntasks", _ => name };
    }
}
