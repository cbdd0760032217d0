using System.CommandLine;
using MannRl.Cli.Output;
using MannRl.IO;
using MannRl.Reports.Curves;
using MannRl.Reports.Figures;
using MannRl.Reports.Html;
using MannRl.Runs;
using MannRl.Sweeps;

namespace MannRl.Cli.Commands;

/// <summary><c>mannrl report DIR</c>: the report of a sweep (a folder with sweep.json) or of one run (an HTML page).</summary>
internal static class ReportCommand
{
    /// <summary>The single-run report's file name inside the run directory, without <c>--out</c>.</summary>
    public const string RunReportFile = "report.html";

    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "A sweep's OUTDIR (aggregated over seeds) or a run directory." };
        var output = new Option<string?>("--out")
        {
            Description = $"Run directory: the HTML file (default RUNDIR/{RunReportFile}). Sweep: not used (the report goes to OUTDIR/report/).",
        };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "Run directory: the checkpoint whose confusion matrix and memory heatmaps are shown "
                + "(default: the saved one with the best validation weighted F1).",
        };
        var dataDir = CommonOptions.DataDir();
        var threads = CommonOptions.Threads();
        var cmd = new Command("report", "Report of a run directory: one self-contained HTML page (config with changed values highlighted, data, "
            + "metrics and curves, checkpoints, confusion matrix, memory heatmaps of right and wrong validation sequences, time and speed). "
            + "Report of a sweep: per setting, each final metric's mean, std, min, max, n and 95% interval "
            + "(OUTDIR/report/summary.md, summary.csv, curves.csv; summary.html with a table sortable by any column and the curves of every run).")
        {
            dir, output, checkpoint, dataDir, threads,
        };
        cmd.SetAction(p => ExitCodes.Guard(() => Run(p.GetValue(dir)!, p.GetValue(output), p.GetValue(checkpoint),
            p.GetValue(dataDir), p.GetValue(threads))));
        return cmd;
    }

    private static int Run(string dir, string? output, string? checkpoint, string? dataDir, int threads)
    {
        if (!Directory.Exists(dir)) throw new UsageException($"'{dir}' does not exist; pass a sweep's OUTDIR or a run directory");
        if (SweepManifest.Exists(dir))
        {
            if (output is not null || checkpoint is not null)
                throw new UsageException("--out and --checkpoint are for a run directory's report; a sweep's report goes to OUTDIR/report/");
            return SweepReportOf(dir);
        }
        if (!File.Exists(Path.Combine(dir, RunFiles.Config)))
            throw new UsageException($"'{dir}' is neither a sweep's OUTDIR (no {SweepManifest.FileName}) nor a run directory (no {RunFiles.Config})");
        return RunReportOf(dir, output, checkpoint, dataDir, threads);
    }

    private static int RunReportOf(string dir, string? output, string? checkpoint, string? dataDir, int threads)
    {
        string path = output ?? Path.Combine(dir, RunReportFile);
        if (!Path.GetExtension(path).Equals(".html", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--out '{path}': name the report FILE.html");
        var compute = CommonOptions.CreateCompute(threads);
        var content = RunReportBuilder.Build(new RunReportBuilder.Request(dir, CommonOptions.ResolveDataDir(dataDir), checkpoint, compute, ConsoleOutput.LogLine));
        AtomicFile.WriteText(path, RunReportPage.Render(content));
        foreach (var note in content.Notes) ConsoleOutput.LogLine("note: " + note);
        int images = (content.CurvesPng is null ? 0 : 1) + (content.Confusion is null ? 0 : 1) + content.Heatmaps.Count;
        ConsoleOutput.Line($"wrote {path} ({images} images embedded)");
        return ExitCodes.Ok;
    }

    private static int SweepReportOf(string dir)
    {
        var manifest = SweepManifest.Load(dir);
        SweepCommand.WriteReport(dir, manifest, print: true);
        var aggregate = SweepAggregate.Compute(dir, manifest);
        var curves = manifest.Runs.Select(r => (r.Name, Metrics: Path.Combine(dir, r.Directory, RunFiles.Metrics)))
            .Where(r => File.Exists(r.Metrics)).Select(r => new RunCurves(r.Name, MetricsFile.Read(r.Metrics)))
            .Where(c => c.Rows.Count > 0).ToArray();
        byte[]? png = curves.Length == 0 ? null : FigureFile.Png(CurvesFigure.Build(curves), CurvesFigure.Width, CurvesFigure.Height);
        string title = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)));
        AtomicFile.WriteText(Path.Combine(SweepReport.Folder(dir), SweepReportPage.FileName),
            SweepReportPage.Render(title, manifest, aggregate, png, DateTimeOffset.Now));
        Console.WriteLine($"written: {Path.Combine(SweepReport.Folder(dir), "summary.md")}, summary.csv, curves.csv, {SweepReportPage.FileName}");
        return ExitCodes.Ok;
    }
}
