using System.CommandLine;
using MannRl.Sweeps;

namespace MannRl.Cli.Commands;

/// <summary><c>mannrl report DIR</c>: the report of a sweep (a folder with sweep.json) or of one run.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "A sweep's OUTDIR (aggregated over seeds) or a run directory." };
        var cmd = new Command("report", "Report of a sweep: per setting, each final metric's mean, std, min, max, n and 95% interval (OUTDIR/report/summary.md, summary.csv, curves.csv).")
        {
            dir,
        };
        cmd.SetAction(p => ExitCodes.Guard(() => Run(p.GetValue(dir)!)));
        return cmd;
    }

    private static int Run(string dir)
    {
        if (!Directory.Exists(dir)) throw new UsageException($"'{dir}' does not exist; pass a sweep's OUTDIR or a run directory");
        if (SweepManifest.Exists(dir)) return SweepReportOf(dir);
        throw new UsageException($"'{dir}' is not a sweep's OUTDIR (no {SweepManifest.FileName}); single-run reports are not available yet");
    }

    private static int SweepReportOf(string dir)
    {
        var manifest = SweepManifest.Load(dir);
        SweepCommand.WriteReport(dir, manifest, print: true);
        Console.WriteLine($"written: {Path.Combine(SweepReport.Folder(dir), "summary.md")}, summary.csv, curves.csv");
        return ExitCodes.Ok;
    }
}
