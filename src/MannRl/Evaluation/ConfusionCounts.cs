using System.Globalization;
using System.Text;
using MannRl.IO;

namespace MannRl.Evaluation;

/// <summary>
/// A streaming confusion matrix: <see cref="Add(int, int)"/> one (truth, prediction) pair per position while
/// evaluating, <see cref="Merge"/> partial counts, then read <see cref="Metrics"/>. Rows are true classes, columns
/// predicted classes.
/// </summary>
public sealed class ConfusionCounts
{
    private readonly long[] _counts;   // (classes, classes), row = truth

    /// <summary>Creates zero counts over <paramref name="classCount"/> classes (ids 0..classCount-1).</summary>
    public ConfusionCounts(int classCount)
    {
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount), $"need at least one class, got {classCount}");
        ClassCount = classCount;
        _counts = new long[classCount * classCount];
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Number of pairs added.</summary>
    public long Total { get; private set; }

    /// <summary>How often class <paramref name="truth"/> was predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => _counts[Index(truth, predicted)];

    /// <summary>Counts one position.</summary>
    public void Add(int truth, int predicted)
    {
        _counts[Index(truth, predicted)]++;
        Total++;
    }

    /// <summary>Counts positions pairwise; the spans must have equal lengths.</summary>
    public void Add(ReadOnlySpan<int> truths, ReadOnlySpan<int> predictions)
    {
        if (truths.Length != predictions.Length)
            throw new ArgumentException($"{truths.Length} truths but {predictions.Length} predictions");
        for (int i = 0; i < truths.Length; i++) Add(truths[i], predictions[i]);
    }

    /// <summary>Adds another matrix of the same class count into this one.</summary>
    public void Merge(ConfusionCounts other)
    {
        if (other.ClassCount != ClassCount)
            throw new ArgumentException($"cannot merge counts over {other.ClassCount} classes into counts over {ClassCount}");
        for (int i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Total += other.Total;
    }

    /// <summary>Sets every count to zero.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Total = 0;
    }

    /// <summary>Positions whose true class is <paramref name="label"/> (the support).</summary>
    public long TruthCount(int label)
    {
        long sum = 0;
        for (int p = 0; p < ClassCount; p++) sum += this[label, p];
        return sum;
    }

    /// <summary>Positions predicted as <paramref name="label"/>.</summary>
    public long PredictedCount(int label)
    {
        long sum = 0;
        for (int t = 0; t < ClassCount; t++) sum += this[t, label];
        return sum;
    }

    /// <summary>Positions of class <paramref name="label"/> predicted right.</summary>
    public long Correct(int label) => this[label, label];

    /// <summary>Micro and weighted precision, recall and F1 (scikit-learn semantics).</summary>
    public ClassificationMetrics Metrics() => ClassificationMetrics.From(this);

    /// <summary>
    /// The matrix over the labels seen in truth or prediction, as CSV like the original's prediction script: a header
    /// <c>#,label...</c>, then one row per true label with its counts per predicted label.
    /// </summary>
    /// <param name="names">Symbol names indexed by class id; null = the ids.</param>
    public string ToCsv(IReadOnlyList<string>? names = null)
    {
        int[] labels = SeenLabels();
        var csv = new StringBuilder("#");
        foreach (int p in labels) csv.Append(',').Append(Csv.Field(Name(names, p)));
        csv.Append('\n');
        foreach (int t in labels)
        {
            csv.Append(Csv.Field(Name(names, t)));
            foreach (int p in labels) csv.Append(',').Append(this[t, p].ToString(CultureInfo.InvariantCulture));
            csv.Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Class ids that occur as truth or prediction, ascending (scikit-learn's <c>unique_labels</c>).</summary>
    public int[] SeenLabels()
    {
        var labels = new List<int>();
        for (int c = 0; c < ClassCount; c++)
            if (TruthCount(c) > 0 || PredictedCount(c) > 0) labels.Add(c);
        return labels.ToArray();
    }

    internal static string Name(IReadOnlyList<string>? names, int label) =>
        names is not null && label < names.Count ? names[label] : label.ToString(CultureInfo.InvariantCulture);

    private int Index(int truth, int predicted)
    {
        if ((uint)truth >= (uint)ClassCount || (uint)predicted >= (uint)ClassCount)
            throw new ArgumentOutOfRangeException(nameof(truth), $"class ids must be in [0, {ClassCount}), got truth {truth}, prediction {predicted}");
        return truth * ClassCount + predicted;
    }
}
