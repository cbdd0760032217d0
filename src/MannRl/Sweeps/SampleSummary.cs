namespace MannRl.Sweeps;

/// <summary>
/// Mean, sample standard deviation (n - 1), range and 95% confidence interval of the mean (Student's t) of one
/// metric over a setting's seeds. The deviation and interval are null for a single value.
/// </summary>
/// <param name="N">Number of values.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Std">Sample standard deviation, null when n = 1.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Ci95Low">Lower end of mean ± t(0.975, n-1) std / sqrt(n), null when n = 1.</param>
/// <param name="Ci95High">Upper end of that interval.</param>
public sealed record SampleSummary(int N, double Mean, double? Std, double Min, double Max, double? Ci95Low, double? Ci95High)
{
    /// <summary>The summary of <paramref name="values"/> (at least one).</summary>
    public static SampleSummary Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("a summary needs at least one value", nameof(values));
        int n = values.Count;
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= n;
        if (n == 1) return new SampleSummary(1, mean, null, values[0], values[0], null, null);
        double squares = 0;
        foreach (double v in values) squares += (v - mean) * (v - mean);
        double std = Math.Sqrt(squares / (n - 1));
        double half = StudentT.Quantile975(n - 1) * std / Math.Sqrt(n);
        return new SampleSummary(n, mean, std, values.Min(), values.Max(), mean - half, mean + half);
    }
}
