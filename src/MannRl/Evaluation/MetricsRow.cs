namespace MannRl.Evaluation;

/// <summary>One evaluation of one split, as written to metrics.csv.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Split">train or validation.</param>
/// <param name="Metrics">Micro and weighted precision, recall, F1.</param>
/// <param name="AnswerAccuracy">Share of sequences whose answer (last symbol) is right, where that applies.</param>
/// <param name="ActionLoss">Mean action loss of the epoch.</param>
/// <param name="MemoryLoss">Mean memory loss of the epoch, null when the memory-net did not train.</param>
/// <param name="ElapsedSeconds">Seconds since training started.</param>
public sealed record MetricsRow(int Epoch, string Split, ClassificationMetrics Metrics, double? AnswerAccuracy,
    double ActionLoss, double? MemoryLoss, double ElapsedSeconds)
{
    /// <summary>The CSV header.</summary>
    public const string Header =
        "epoch,split,micro_precision,micro_recall,micro_f1,weighted_precision,weighted_recall,weighted_f1,answer_accuracy,action_loss,memory_loss,elapsed_seconds";

    /// <summary>The CSV line (invariant culture; empty fields where a value does not apply).</summary>
    public string ToCsv()
    {
        static string F(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        static string O(double? v) => v is { } x ? F(x) : "";
        var m = Metrics;
        return string.Join(',', Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), Split,
            F(m.MicroPrecision), F(m.MicroRecall), F(m.MicroF1), F(m.WeightedPrecision), F(m.WeightedRecall), F(m.WeightedF1),
            O(AnswerAccuracy), F(ActionLoss), O(MemoryLoss), ElapsedSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
    }
}
