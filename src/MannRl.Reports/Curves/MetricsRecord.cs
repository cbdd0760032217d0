namespace MannRl.Reports.Curves;

/// <summary>One row of a run's <c>metrics.csv</c>: one evaluation of one split.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Split">train or validation.</param>
/// <param name="MicroF1">Pooled F1 (for single-label classification, the share of symbols predicted right).</param>
/// <param name="WeightedF1">Support-weighted F1, the figure the trainer tracks.</param>
/// <param name="WeightedPrecision">Support-weighted precision.</param>
/// <param name="WeightedRecall">Support-weighted recall.</param>
/// <param name="AnswerAccuracy">Share of sequences whose answer is right, where the task has answers.</param>
/// <param name="ActionLoss">Mean action loss of the epoch.</param>
/// <param name="MemoryLoss">Mean memory loss of the epoch; null when the memory-net did not train.</param>
/// <param name="ElapsedSeconds">Seconds since training started.</param>
public sealed record MetricsRecord(int Epoch, string Split, double MicroF1, double WeightedF1, double WeightedPrecision,
    double WeightedRecall, double? AnswerAccuracy, double ActionLoss, double? MemoryLoss, double ElapsedSeconds);
