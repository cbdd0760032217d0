namespace MannRl.Evaluation;

/// <summary>What an evaluation measured.</summary>
/// <param name="Counts">Confusion counts over the steps the task's scoring counts (every step, or the recall phase).</param>
/// <param name="AnswerAccuracy">Share of sequences whose answer was right (logic: the last symbol; memory tasks: every
/// recall step, i.e. exact match), where the task has answers.</param>
public sealed record EvaluationResult(ConfusionCounts Counts, double? AnswerAccuracy)
{
    /// <summary>Micro and weighted precision, recall and F1.</summary>
    public ClassificationMetrics Metrics => Counts.Metrics();

    /// <summary>Number of sequences evaluated.</summary>
    public long Sequences { get; init; }

    /// <summary>The same figures per group of sequences (e.g. per length bin), ascending by group, when asked for.</summary>
    public IReadOnlyDictionary<int, EvaluationResult>? Groups { get; init; }
}
