namespace MannRl.Evaluation;

/// <summary>What an evaluation measured.</summary>
/// <param name="Counts">Confusion counts over all positions.</param>
/// <param name="AnswerAccuracy">Share of sequences whose last symbol was predicted right, where that applies.</param>
public sealed record EvaluationResult(ConfusionCounts Counts, double? AnswerAccuracy)
{
    /// <summary>Micro and weighted precision, recall and F1.</summary>
    public ClassificationMetrics Metrics => Counts.Metrics();
}
