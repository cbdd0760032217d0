using System.Globalization;
using System.Text.RegularExpressions;
using MannRl.Reports.Curves;

namespace MannRl.Reports.Html;

/// <summary>
/// A run's time and speed from its log (<c>experiment.log</c>) and metrics: the trainer's closing line
/// (<c>Training done: N steps, M memory trainings, S s</c>; the LSTM's <c>N batches, S s</c>) when the run finished,
/// else the time of the last evaluation. A log with several runs (resumed training) counts its last one.
/// </summary>
public static partial class RunTimingReader
{
    /// <summary>The timing, or null when neither the log nor the metrics record a time.</summary>
    public static RunTiming? Read(string logPath, IReadOnlyList<MetricsRecord> metrics)
    {
        string[] lines = File.Exists(logPath) ? File.ReadAllLines(logPath) : [];
        int epochs = metrics.Count > 0 ? metrics.Max(r => r.Epoch) : 0;
        long? memoryTrainings = null;
        foreach (var line in lines)
        {
            if (StartingEpoch().Match(line) is { Success: true } e) epochs = Math.Max(epochs, Int(e.Groups[1].Value));
            if (MemoryTrainings().Match(line) is { Success: true } m) memoryTrainings = Long(m.Groups[1].Value);
        }
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            if (Done().Match(lines[i]) is not { Success: true } d) continue;
            long? trainings = d.Groups["memory"].Success ? Long(d.Groups["memory"].Value) : null;
            return new RunTiming(double.Parse(d.Groups["seconds"].Value, CultureInfo.InvariantCulture), epochs,
                Long(d.Groups["steps"].Value), trainings, Finished: true);
        }
        if (metrics.Count == 0) return null;
        return new RunTiming(metrics.Max(r => r.ElapsedSeconds), metrics.Max(r => r.Epoch), null, memoryTrainings, Finished: false);
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Training done: (?<steps>\d+) (?:steps|batches)(?:, (?<memory>\d+) memory trainings)?, (?<seconds>[0-9.]+) s")]
    private static partial Regex Done();

    [GeneratedRegex(@"Starting epoch (\d+)")]
    private static partial Regex StartingEpoch();

    [GeneratedRegex(@"number of memory trainings: (\d+)")]
    private static partial Regex MemoryTrainings();
}
