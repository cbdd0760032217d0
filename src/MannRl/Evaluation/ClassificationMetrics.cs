using System.Globalization;
using System.Text;
using MannRl.IO;

namespace MannRl.Evaluation;

/// <summary>
/// Evaluation scores, as scikit-learn's <c>precision_recall_fscore_support(y_true, y_pred, average='micro' |
/// 'weighted', zero_division=0)</c> over the labels seen in truth or prediction. Micro scores pool every position
/// (for single-label classification they all equal the accuracy); weighted scores average the per-class scores with
/// the class supports as weights, so a class only predicted (support 0) lowers nothing but its own precision.
/// </summary>
/// <param name="MicroPrecision">Pooled precision.</param>
/// <param name="MicroRecall">Pooled recall.</param>
/// <param name="MicroF1">Pooled F1.</param>
/// <param name="WeightedPrecision">Support-weighted mean of the per-class precisions.</param>
/// <param name="WeightedRecall">Support-weighted mean of the per-class recalls.</param>
/// <param name="WeightedF1">Support-weighted mean of the per-class F1 scores (the figure the trainer tracks).</param>
/// <param name="Total">Positions counted.</param>
/// <param name="Correct">Positions predicted right.</param>
/// <param name="PerClass">Scores of each seen label, ascending by id.</param>
public sealed record ClassificationMetrics(
    double MicroPrecision, double MicroRecall, double MicroF1,
    double WeightedPrecision, double WeightedRecall, double WeightedF1,
    long Total, long Correct, IReadOnlyList<ClassMetrics> PerClass)
{
    /// <summary>Share of positions predicted right (0 for no positions).</summary>
    public double Accuracy => Total == 0 ? 0 : Correct / (double)Total;

    /// <summary>Scores of a confusion matrix.</summary>
    public static ClassificationMetrics From(ConfusionCounts counts)
    {
        var perClass = new List<ClassMetrics>();
        long tpSum = 0, predSum = 0, trueSum = 0;
        foreach (int label in counts.SeenLabels())
        {
            long tp = counts.Correct(label), pred = counts.PredictedCount(label), support = counts.TruthCount(label);
            perClass.Add(new ClassMetrics(label, support, pred, tp, Divide(tp, pred), Divide(tp, support), Divide(2 * tp, support + pred)));
            tpSum += tp; predSum += pred; trueSum += support;
        }

        double microP = Divide(tpSum, predSum), microR = Divide(tpSum, trueSum), microF = Divide(2 * tpSum, trueSum + predSum);
        double wP = 0, wR = 0, wF = 0;
        if (trueSum > 0)
        {
            foreach (ClassMetrics c in perClass)
            {
                wP += c.Precision * c.Support;
                wR += c.Recall * c.Support;
                wF += c.F1 * c.Support;
            }
            wP /= trueSum; wR /= trueSum; wF /= trueSum;
        }
        return new ClassificationMetrics(microP, microR, microF, wP, wR, wF, counts.Total, tpSum, perClass);
    }

    /// <summary>Per-class counts and scores as CSV: <c>label,support,predicted,correct,precision,recall,f1</c>.</summary>
    /// <param name="names">Symbol names indexed by class id; null = the ids.</param>
    public string PerClassCsv(IReadOnlyList<string>? names = null)
    {
        var csv = new StringBuilder("label,support,predicted,correct,precision,recall,f1\n");
        foreach (ClassMetrics c in PerClass)
        {
            csv.Append(Csv.Field(ConfusionCounts.Name(names, c.Label))).Append(',')
               .Append(string.Join(',', new[] { c.Support, c.Predicted, c.TruePositives }.Select(v => v.ToString(CultureInfo.InvariantCulture))))
               .Append(',').Append(F(c.Precision)).Append(',').Append(F(c.Recall)).Append(',').Append(F(c.F1)).Append('\n');
        }
        return csv.ToString();
    }

    private static string F(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    // zero_division=0: an undefined ratio is 0
    private static double Divide(long numerator, long denominator) => denominator == 0 ? 0 : numerator / (double)denominator;
}
