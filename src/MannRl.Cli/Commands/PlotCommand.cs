using System.CommandLine;
using MannRl.Cli.Output;
using MannRl.Reports.Curves;
using MannRl.Reports.Figures;
using MannRl.Runs;
using MannRl.Sweeps;

namespace MannRl.Cli.Commands;

/// <summary>
/// <c>mannrl plot RUNDIR... [--out FILE]</c>: the learning curves of several runs on the same axes, PNG or SVG. A
/// sweep's OUTDIR stands for all its runs that have metrics.
/// </summary>
internal static class PlotCommand
{
    /// <summary>Where the picture goes without <c>--out</c>: in the current directory.</summary>
    public const string DefaultOut = "curves.png";

    public static Command Create()
    {
        var dirs = new Argument<string[]>("RUNDIR")
        {
            Description = "Run directories written by 'mannrl train' (or a sweep's OUTDIR: all its runs).",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out")
        {
            Description = $"The picture: FILE.png ({CurvesFigure.Width} x {CurvesFigure.Height} pixels) or FILE.svg (default ./{DefaultOut}).",
            DefaultValueFactory = _ => DefaultOut,
        };
        var cmd = new Command("plot", "Draw the learning curves of one or more runs on the same axes (weighted F1, answer accuracy, action and memory loss); "
            + "the legend names each run by the config values that differ, else by its directory.")
        {
            dirs, output,
        };
        cmd.SetAction(p => ExitCodes.Guard(() => Run(p.GetValue(dirs)!, p.GetValue(output)!)));
        return cmd;
    }

    private static int Run(string[] dirs, string output)
    {
        try
        {
            FigureFile.FormatOf(output);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        var runs = dirs.SelectMany(Expand).Distinct().ToArray();
        var labels = RunLabels.For(runs);
        if (labels.Distinct().Count() < labels.Count)
            labels = runs.Select(r => Path.GetRelativePath(Directory.GetCurrentDirectory(), r)).ToArray();
        var curves = runs.Select((r, i) => new RunCurves(labels[i], MetricsFile.Read(Path.Combine(r, RunFiles.Metrics)))).ToArray();
        foreach (var c in curves.Where(c => c.Rows.Count == 0))
            Console.Error.WriteLine($"warning: {c.Label} has no evaluation yet: nothing of it is drawn");
        CurvesFigure.Save(curves, output);
        ConsoleOutput.Line($"wrote {output}: {curves.Length} run(s): {string.Join("; ", labels)}");
        return ExitCodes.Ok;
    }

    /// <summary>A run directory as itself; a sweep's OUTDIR as its runs that have metrics, in manifest order.</summary>
    private static IEnumerable<string> Expand(string dir)
    {
        if (!Directory.Exists(dir)) throw new UsageException($"'{dir}' does not exist; pass run directories written by 'mannrl train' or a sweep's OUTDIR");
        if (SweepManifest.Exists(dir))
        {
            var runs = SweepManifest.Load(dir).Runs.Select(r => Path.Combine(dir, r.Directory))
                .Where(r => File.Exists(Path.Combine(r, RunFiles.Metrics))).ToArray();
            if (runs.Length == 0) throw new UsageException($"no run of the sweep '{dir}' has metrics yet; start it with 'mannrl sweep run' and wait for an evaluation");
            return runs;
        }
        if (!File.Exists(Path.Combine(dir, RunFiles.Metrics)))
            throw new UsageException($"'{dir}' has no {RunFiles.Metrics}; pass run directories written by 'mannrl train' (after their first evaluation) or a sweep's OUTDIR");
        return [dir];
    }
}
