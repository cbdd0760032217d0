using MannRl.Evaluation;

namespace MannRl.Tests.Evaluation;

/// <summary>
/// Hand-computed cases of scikit-learn's precision_recall_fscore_support(average='micro' | 'weighted',
/// zero_division=0) over the labels seen in truth or prediction.
/// </summary>
public class ClassificationMetricsTests
{
    private const double Tolerance = 1e-12;

    private static ClassificationMetrics Score(int classes, int[] truth, int[] predicted)
    {
        var counts = new ConfusionCounts(classes);
        counts.Add(truth, predicted);
        return counts.Metrics();
    }

    [Fact]
    public void ThreeClassCase()
    {
        // truth     0 0 0 1 1 2
        // predicted 0 0 1 1 2 2
        // class  tp pred support  precision  recall  f1 = 2tp/(support+pred)
        //   0     2   2     3       1        2/3     4/5
        //   1     1   2     2       1/2      1/2     1/2
        //   2     1   2     1       1/2      1       2/3
        // micro: 4 right of 6 -> p = r = f1 = 2/3
        // weighted (supports 3, 2, 1; sum 6):
        //   p  = (3*1   + 2*1/2 + 1*1/2) / 6 = 4.5/6 = 3/4
        //   r  = (3*2/3 + 2*1/2 + 1*1)   / 6 = 4/6   = 2/3
        //   f1 = (3*4/5 + 2*1/2 + 1*2/3) / 6 = (61/15)/6 = 61/90
        ClassificationMetrics m = Score(3, [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2]);
        Assert.Equal(2 / 3.0, m.MicroPrecision, Tolerance);
        Assert.Equal(2 / 3.0, m.MicroRecall, Tolerance);
        Assert.Equal(2 / 3.0, m.MicroF1, Tolerance);
        Assert.Equal(0.75, m.WeightedPrecision, Tolerance);
        Assert.Equal(2 / 3.0, m.WeightedRecall, Tolerance);
        Assert.Equal(61 / 90.0, m.WeightedF1, Tolerance);
        Assert.Equal((6L, 4L), (m.Total, m.Correct));
        Assert.Equal(2 / 3.0, m.Accuracy, Tolerance);
        ClassMetrics c0 = m.PerClass[0];
        Assert.Equal((0, 3L, 2L, 2L, 1.0), (c0.Label, c0.Support, c0.Predicted, c0.TruePositives, c0.Precision));
        Assert.Equal(2 / 3.0, c0.Recall, Tolerance);
        Assert.Equal(0.8, c0.F1, Tolerance);
        Assert.Equal(0.5, m.PerClass[1].F1, Tolerance);
        Assert.Equal(2 / 3.0, m.PerClass[2].F1, Tolerance);
    }

    [Fact]
    public void LabelOnlyInPredictionsHasZeroWeightButIsSeen()
    {
        // truth 0 0 1 1, predicted 0 2 1 1 (class 2 never true, among 4 classes, class 3 never seen)
        // class 0: tp 1 pred 1 support 2 -> p 1,   r 1/2, f1 2/3
        // class 1: tp 2 pred 2 support 2 -> p 1,   r 1,   f1 1
        // class 2: tp 0 pred 1 support 0 -> p 0,   r 0 (zero_division), f1 0
        // micro = 3/4; weighted (2, 2, 0): p = (2+2)/4 = 1, r = (1+2)/4 = 3/4, f1 = (4/3+2)/4 = 5/6
        ClassificationMetrics m = Score(4, [0, 0, 1, 1], [0, 2, 1, 1]);
        Assert.Equal(0.75, m.MicroPrecision, Tolerance);
        Assert.Equal(0.75, m.MicroF1, Tolerance);
        Assert.Equal(1.0, m.WeightedPrecision, Tolerance);
        Assert.Equal(0.75, m.WeightedRecall, Tolerance);
        Assert.Equal(5 / 6.0, m.WeightedF1, Tolerance);
        Assert.Equal([0, 1, 2], m.PerClass.Select(c => c.Label));
        Assert.Equal(new ClassMetrics(2, 0, 1, 0, 0, 0, 0), m.PerClass[2]);
    }

    [Fact]
    public void ClassNeverPredictedScoresZeroPrecision()
    {
        // truth 0 1 1 2, predicted 0 0 1 0: class 2 is never predicted
        // class 0: tp 1 pred 3 support 1 -> p 1/3, r 1,   f1 2/4 = 1/2
        // class 1: tp 1 pred 1 support 2 -> p 1,   r 1/2, f1 2/3
        // class 2: tp 0 pred 0 support 1 -> p 0 (zero_division), r 0, f1 0
        // micro 2/4; weighted (1, 2, 1)/4: p = (1/3 + 2)/4 = 7/12, r = (1 + 1)/4 = 1/2, f1 = (1/2 + 4/3)/4 = 11/24
        ClassificationMetrics m = Score(3, [0, 1, 1, 2], [0, 0, 1, 0]);
        Assert.Equal(0.5, m.MicroRecall, Tolerance);
        Assert.Equal(7 / 12.0, m.WeightedPrecision, Tolerance);
        Assert.Equal(0.5, m.WeightedRecall, Tolerance);
        Assert.Equal(11 / 24.0, m.WeightedF1, Tolerance);
        Assert.Equal(0.0, m.PerClass[2].Precision);
    }

    [Fact]
    public void AllCorrectScoresOne()
    {
        ClassificationMetrics m = Score(5, [4, 0, 4, 2, 2, 2], [4, 0, 4, 2, 2, 2]);
        Assert.All(new[] { m.MicroPrecision, m.MicroRecall, m.MicroF1, m.WeightedPrecision, m.WeightedRecall, m.WeightedF1 },
            v => Assert.Equal(1.0, v, Tolerance));
        Assert.Equal(3, m.PerClass.Count);
    }

    [Fact]
    public void AllWrongScoresZero()
    {
        ClassificationMetrics m = Score(2, [0, 0, 1], [1, 1, 0]);
        Assert.All(new[] { m.MicroF1, m.WeightedPrecision, m.WeightedRecall, m.WeightedF1 }, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void EmptyInputScoresZero()
    {
        ClassificationMetrics m = new ConfusionCounts(3).Metrics();
        Assert.All(new[] { m.MicroPrecision, m.MicroRecall, m.MicroF1, m.WeightedPrecision, m.WeightedRecall, m.WeightedF1, m.Accuracy },
            v => Assert.Equal(0.0, v));
        Assert.Empty(m.PerClass);
        Assert.Equal("#\n", new ConfusionCounts(3).ToCsv());
    }

    [Fact]
    public void MergedCountsEqualCountsOfTheWhole()
    {
        int[] truth = [0, 1, 2, 2, 1, 0, 3, 3, 3], predicted = [0, 2, 2, 1, 1, 0, 3, 0, 3];
        var whole = new ConfusionCounts(4);
        whole.Add(truth, predicted);
        var a = new ConfusionCounts(4);
        var b = new ConfusionCounts(4);
        a.Add(truth.AsSpan(0, 4), predicted.AsSpan(0, 4));
        b.Add(truth.AsSpan(4), predicted.AsSpan(4));
        a.Merge(b);
        Assert.Equal(whole.Metrics() with { PerClass = [] }, a.Metrics() with { PerClass = [] });
        Assert.Equal(whole.Metrics().PerClass, a.Metrics().PerClass);
        Assert.Equal(whole.ToCsv(), a.ToCsv());
        Assert.Throws<ArgumentException>(() => a.Merge(new ConfusionCounts(3)));
        a.Clear();
        Assert.Equal(0, a.Total);
    }

    [Fact]
    public void CountsRejectUnknownClasses()
    {
        var counts = new ConfusionCounts(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => counts.Add(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => counts.Add(0, -1));
        Assert.Throws<ArgumentException>(() => counts.Add([0, 1], [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionCounts(0));
    }

    [Fact]
    public void ConfusionCsvHasTruthRowsPredictionColumnsAndQuotedNames()
    {
        var counts = new ConfusionCounts(4);
        counts.Add([0, 0, 1, 3, 3], [0, 1, 1, 3, 0]);   // class 2 never seen: left out
        string[] names = ["NN", ",", "VB", "\"q\""];
        Assert.Equal(
            "#,NN,\",\",\"\"\"q\"\"\"\n" +
            "NN,1,1,0\n" +
            "\",\",0,1,0\n" +
            "\"\"\"q\"\"\",1,0,1\n",
            counts.ToCsv(names));
        Assert.Equal("#,0,1,3\n0,1,1,0\n1,0,1,0\n3,1,0,1\n", counts.ToCsv());
    }

    [Fact]
    public void PerClassCsvListsCountsAndScores()
    {
        ClassificationMetrics m = Score(3, [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2]);
        Assert.Equal(
            "label,support,predicted,correct,precision,recall,f1\n" +
            "a,3,2,2,1,0.666667,0.8\n" +
            "b,2,2,1,0.5,0.5,0.5\n" +
            "c,1,2,1,0.5,1,0.666667\n",
            m.PerClassCsv(["a", "b", "c"]));
    }
}
