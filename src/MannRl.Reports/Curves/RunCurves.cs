namespace MannRl.Reports.Curves;

/// <summary>The metrics of one run under the name its lines carry in a legend.</summary>
/// <param name="Label">Legend text (the run's name or the config values that set it apart).</param>
/// <param name="Rows">Its metrics.csv rows.</param>
public sealed record RunCurves(string Label, IReadOnlyList<MetricsRecord> Rows);
