using System.Globalization;
using System.Text;
using MannRl.IO;

namespace MannRl.Sweeps;

/// <summary>
/// Writes a sweep's aggregated results into <c>OUTDIR/report/</c>: <c>summary.md</c> (one row per setting, then
/// each headline metric's mean, deviation, range and 95% interval), <c>summary.csv</c> (every final metric, one row
/// per setting and metric) and <c>curves.csv</c> (mean, deviation and range over seeds at every evaluated epoch).
/// </summary>
public static class SweepReport
{
    /// <summary>The folder the report goes to, <c>OUTDIR/report</c>.</summary>
    public static string Folder(string sweepDirectory) => Path.Combine(sweepDirectory, "report");

    /// <summary>The metrics the markdown shows, in this order, where the runs have them; time comes last.</summary>
    public static IReadOnlyList<(MetricKey Metric, string Title)> Headline { get; } =
    [
        (new MetricKey("validation", "weighted_f1"), "validation weighted F1"),
        (new MetricKey("validation", SweepAggregate.BestWeightedF1), "best validation weighted F1"),
        (new MetricKey("validation", "answer_accuracy"), "validation answer accuracy"),
        (new MetricKey("train", "weighted_f1"), "train weighted F1"),
    ];

    /// <summary>The time column: seconds of training to the last evaluation.</summary>
    public static MetricKey Time { get; } = new("validation", "elapsed_seconds");

    /// <summary>Aggregates the sweep and writes the three files; returns the markdown.</summary>
    public static string Write(string sweepDirectory, SweepManifest manifest, SweepAggregate aggregate)
    {
        string folder = Folder(sweepDirectory);
        string markdown = Markdown(manifest, aggregate);
        AtomicFile.WriteText(Path.Combine(folder, "summary.md"), markdown);
        AtomicFile.WriteText(Path.Combine(folder, "summary.csv"), SummaryCsv(aggregate));
        AtomicFile.WriteText(Path.Combine(folder, "curves.csv"), CurvesCsv(aggregate));
        return markdown;
    }

    /// <summary>The markdown summary.</summary>
    public static string Markdown(SweepManifest manifest, SweepAggregate aggregate)
    {
        var headline = Headline.Where(h => aggregate.Metrics.Contains(h.Metric)).ToList();
        var md = new StringBuilder();
        md.Append("Sweep ").Append(Path.GetFileName(manifest.SweepFile)).Append(": ").Append(manifest.Runs.Count).Append(" runs, ")
            .Append(aggregate.Settings.Sum(s => s.Finished.Count)).Append(" done. Values are the last evaluation of each run, ")
            .Append("mean ± sample standard deviation over seeds (n = runs done / runs of the setting).\n\n");
        string[] columns = ["setting", "n", .. headline.Select(h => h.Title), "time (s)"];
        md.Append("| ").Append(string.Join(" | ", columns)).Append(" |\n|").Append(string.Concat(columns.Select(_ => "---|"))).Append('\n');
        foreach (var s in aggregate.Settings)
        {
            md.Append("| ").Append(s.Setting).Append(" | ").Append(s.Finished.Count).Append('/').Append(s.Runs.Count).Append(" | ");
            foreach (var (metric, _) in headline) md.Append(MeanStd(s.Final.GetValueOrDefault(metric), 4)).Append(" | ");
            md.Append(MeanStd(s.Final.GetValueOrDefault(Time), 1)).Append(" |\n");
        }
        foreach (var (metric, title) in headline)
        {
            md.Append("\n**").Append(title).Append("**\n\n| setting | n | mean | std | min | max | 95% interval |\n|---|---|---|---|---|---|---|\n");
            foreach (var s in aggregate.Settings)
            {
                if (s.Final.GetValueOrDefault(metric) is not { } v) continue;
                md.Append("| ").Append(s.Setting).Append(" | ").Append(v.N).Append(" | ").Append(F(v.Mean, 4)).Append(" | ").Append(F(v.Std, 4))
                    .Append(" | ").Append(F(v.Min, 4)).Append(" | ").Append(F(v.Max, 4)).Append(" | ")
                    .Append(v.Ci95Low is null ? "-" : $"[{F(v.Ci95Low, 4)}, {F(v.Ci95High, 4)}]").Append(" |\n");
            }
        }
        return md.ToString();
    }

    /// <summary><c>summary.csv</c>: setting, split, metric, n, mean, std, min, max, ci95_low, ci95_high.</summary>
    public static string SummaryCsv(SweepAggregate aggregate)
    {
        var csv = new StringBuilder("setting,split,metric,n,mean,std,min,max,ci95_low,ci95_high\n");
        foreach (var s in aggregate.Settings)
            foreach (var metric in aggregate.Metrics)
                if (s.Final.GetValueOrDefault(metric) is { } v)
                    csv.Append(Csv.Field(s.Setting)).Append(',').Append(metric.Split).Append(',').Append(metric.Name).Append(',').Append(v.N).Append(',')
                        .Append(R(v.Mean)).Append(',').Append(R(v.Std)).Append(',').Append(R(v.Min)).Append(',').Append(R(v.Max)).Append(',')
                        .Append(R(v.Ci95Low)).Append(',').Append(R(v.Ci95High)).Append('\n');
        return csv.ToString();
    }

    /// <summary><c>curves.csv</c>: setting, split, metric, epoch, n, mean, std, min, max (a band is mean ± std or min..max).</summary>
    public static string CurvesCsv(SweepAggregate aggregate)
    {
        var csv = new StringBuilder("setting,split,metric,epoch,n,mean,std,min,max\n");
        foreach (var p in aggregate.Curves)
            csv.Append(Csv.Field(p.Setting)).Append(',').Append(p.Metric.Split).Append(',').Append(p.Metric.Name).Append(',')
                .Append(p.Epoch).Append(',').Append(p.Summary.N).Append(',').Append(R(p.Summary.Mean)).Append(',').Append(R(p.Summary.Std)).Append(',')
                .Append(R(p.Summary.Min)).Append(',').Append(R(p.Summary.Max)).Append('\n');
        return csv.ToString();
    }

    private static string MeanStd(SampleSummary? v, int digits) =>
        v is null ? "-" : v.Std is { } std ? $"{F(v.Mean, digits)} ± {F(std, digits)}" : F(v.Mean, digits);

    private static string F(double? v, int digits) => v is { } x ? x.ToString("F" + digits, CultureInfo.InvariantCulture) : "-";

    private static string R(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
