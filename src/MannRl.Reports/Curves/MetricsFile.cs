using System.Globalization;

namespace MannRl.Reports.Curves;

/// <summary>
/// Reads a run's <c>metrics.csv</c> by column name (columns added later are ignored; none of the read ones is quoted).
/// </summary>
public static class MetricsFile
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = MannRl.Runs.RunFiles.Metrics;

    /// <summary>The rows of <paramref name="path"/>, in file order.</summary>
    /// <exception cref="InvalidDataException">A column is missing or a value is not a number.</exception>
    public static IReadOnlyList<MetricsRecord> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no metrics file '{path}'; is it a run directory written by 'mannrl train'?", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new InvalidDataException($"'{path}' is empty; expected a header line");
        var header = lines[0].Split(',');
        int Column(string name)
        {
            int i = Array.IndexOf(header, name);
            return i >= 0 ? i : throw new InvalidDataException($"'{path}' has no column '{name}'; was it written by 'mannrl train'?");
        }
        int epoch = Column("epoch"), split = Column("split"), micro = Column("micro_f1"), wf1 = Column("weighted_f1"),
            wp = Column("weighted_precision"), wr = Column("weighted_recall"), answers = Column("answer_accuracy"),
            actionLoss = Column("action_loss"), memoryLoss = Column("memory_loss"), elapsed = Column("elapsed_seconds");
        var rows = new List<MetricsRecord>(lines.Length - 1);
        for (int l = 1; l < lines.Length; l++)
        {
            if (lines[l].Length == 0) continue;
            var f = lines[l].Split(',');
            if (f.Length < header.Length) throw new InvalidDataException($"'{path}' line {l + 1} has {f.Length} fields, the header {header.Length}");
            double D(int c) => double.TryParse(f[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                : throw new InvalidDataException($"'{path}' line {l + 1}, column '{header[c]}': '{f[c]}' is not a number");
            double? O(int c) => f[c].Length == 0 ? null : D(c);
            rows.Add(new MetricsRecord((int)D(epoch), f[split], D(micro), D(wf1), D(wp), D(wr), O(answers), D(actionLoss), O(memoryLoss), D(elapsed)));
        }
        return rows;
    }
}
