using MannRl.Runs;

namespace MannRl.Sweeps;

/// <summary>One metric of one split, e.g. validation weighted_f1.</summary>
/// <param name="Split">train or validation.</param>
/// <param name="Name">A metrics.csv column, or <c>best_weighted_f1</c> (the best of any epoch).</param>
public sealed record MetricKey(string Split, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Split} {Name}";
}

/// <summary>A setting's final metrics over its finished seeds.</summary>
/// <param name="Setting">The setting's name.</param>
/// <param name="Runs">Its runs (one per seed).</param>
/// <param name="Finished">Its runs that are done and counted.</param>
/// <param name="Final">Each metric's summary over the finished runs' last evaluations.</param>
public sealed record SettingSummary(string Setting, IReadOnlyList<SweepRun> Runs, IReadOnlyList<SweepRun> Finished,
    IReadOnlyDictionary<MetricKey, SampleSummary> Final);

/// <summary>One point of a learning curve over seeds: a setting's metric at one epoch.</summary>
/// <param name="Setting">The setting's name.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Summary">The values of the seeds that evaluated at that epoch.</param>
public sealed record CurvePoint(string Setting, MetricKey Metric, int Epoch, SampleSummary Summary);

/// <summary>
/// A sweep's results aggregated per setting: the final value of every metric (the last evaluation of each split)
/// and the learning curves, as mean, deviation, range and 95% interval over seeds. Only done runs count.
/// </summary>
/// <param name="Settings">The settings in manifest order.</param>
/// <param name="Metrics">Every final metric found, by split (alphabetical) and then in metrics.csv's column order.</param>
/// <param name="Curves">Every setting's curves, by setting, metric and epoch.</param>
public sealed record SweepAggregate(IReadOnlyList<SettingSummary> Settings, IReadOnlyList<MetricKey> Metrics, IReadOnlyList<CurvePoint> Curves)
{
    /// <summary>The best value of any epoch of weighted F1, per split: what the <c>t</c> and <c>v</c> checkpoints keep.</summary>
    public const string BestWeightedF1 = "best_weighted_f1";

    /// <summary>Reads the done runs of the sweep in <paramref name="sweepDirectory"/>.</summary>
    public static SweepAggregate Compute(string sweepDirectory, SweepManifest manifest)
    {
        var store = new RunStateStore(sweepDirectory);
        var settings = new List<SettingSummary>();
        var curves = new List<CurvePoint>();
        var metrics = new List<MetricKey>();
        foreach (var group in manifest.Runs.GroupBy(r => r.Setting))
        {
            var tables = new List<(SweepRun Run, MetricsTable Table)>();
            foreach (var run in group)
                if (store.Read(run.Index) is { State: RunState.Done })
                    tables.Add((run, MetricsTable.Read(Path.Combine(sweepDirectory, run.Directory, "metrics.csv"))));
            var finals = new Dictionary<MetricKey, List<double>>();
            var points = new Dictionary<(string Split, string Name, int Epoch), List<double>>();
            foreach (var (_, table) in tables)
            {
                foreach (var split in table.Rows.Select(r => r.Split).Distinct())
                {
                    var rows = table.Rows.Where(r => r.Split == split).ToList();
                    foreach (var (name, value) in rows[^1].Values)
                        if (value is { } v) Add(finals, new MetricKey(split, name), v);
                    var f1 = rows.Select(r => r.Values.GetValueOrDefault("weighted_f1")).OfType<double>().ToList();
                    if (f1.Count > 0) Add(finals, new MetricKey(split, BestWeightedF1), f1.Max());
                    foreach (var row in rows)
                        foreach (var (name, value) in row.Values)
                            if (value is { } v && name != "elapsed_seconds") Add(points, (split, name, row.Epoch), v);
                }
            }
            foreach (var key in finals.Keys) if (!metrics.Contains(key)) metrics.Add(key);
            settings.Add(new SettingSummary(group.Key, group.ToList(), tables.Select(t => t.Run).ToList(),
                finals.ToDictionary(p => p.Key, p => SampleSummary.Of(p.Value))));
            curves.AddRange(points.OrderBy(p => p.Key.Split, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal).ThenBy(p => p.Key.Epoch).Select(p => new CurvePoint(group.Key, new MetricKey(p.Key.Split, p.Key.Name), p.Key.Epoch, SampleSummary.Of(p.Value))));
        }
        var order = metrics.ToList();
        metrics.Sort((a, b) => a.Split != b.Split ? string.CompareOrdinal(a.Split, b.Split) : order.IndexOf(a).CompareTo(order.IndexOf(b)));
        return new SweepAggregate(settings, metrics, curves);
    }

    private static void Add<TKey>(IDictionary<TKey, List<double>> map, TKey key, double value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}
