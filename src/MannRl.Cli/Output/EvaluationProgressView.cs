using System.Globalization;
using MannRl.Evaluation;
using MannRl.Runs;

namespace MannRl.Cli.Output;

/// <summary>What the display shows while an evaluator runs on its own: symbols evaluated of all.</summary>
internal static class EvaluationProgressView
{
    /// <summary>The state of the evaluation <paramref name="run"/> is running.</summary>
    public static ProgressState Poll(SavedRun run) =>
        run.EvaluationProgress is { } e ? Poll(e) : new ProgressState(double.NaN, "");

    /// <summary>The state of <paramref name="evaluator"/> now.</summary>
    public static ProgressState Poll(IEvaluationProgress evaluator)
    {
        long total = evaluator.SymbolsTotal, done = evaluator.SymbolsDone;
        return total == 0 ? new ProgressState(double.NaN, "")
            : new ProgressState(done / (double)total, string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{total:N0} symbols"));
    }
}
