using System.Globalization;

namespace MannRl.Runs;

/// <summary>One row of a run's <c>metrics.csv</c>: an evaluation of one split at the end of one epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Split">train or validation.</param>
/// <param name="Values">The other columns by name; null where the field is empty (a metric that does not apply).</param>
public sealed record MetricsTableRow(int Epoch, string Split, IReadOnlyDictionary<string, double?> Values);

/// <summary>A run's <c>metrics.csv</c> read back (the file <c>RunDirectory</c> writes).</summary>
/// <param name="Columns">The value columns, in file order (all but epoch and split).</param>
/// <param name="Rows">The rows in file order.</param>
public sealed record MetricsTable(IReadOnlyList<string> Columns, IReadOnlyList<MetricsTableRow> Rows)
{
    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the line of a bad field.</summary>
    public static MetricsTable Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"'{path}' does not exist; is it a run directory written by 'mannrl train'?");
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].StartsWith("epoch,split,", StringComparison.Ordinal))
            throw new InvalidDataException($"'{path}' does not start with the metrics header (epoch,split,...); is it a mannrl metrics.csv?");
        string[] header = lines[0].Split(',');
        var rows = new List<MetricsTableRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            string[] fields = lines[i].Split(',');
            if (fields.Length != header.Length || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
                throw new InvalidDataException($"'{path}', line {i + 1}: expected {header.Length} fields starting with an epoch; the file is damaged");
            var values = new Dictionary<string, double?>();
            for (int c = 2; c < header.Length; c++)
            {
                if (fields[c].Length == 0) { values[header[c]] = null; continue; }
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                    throw new InvalidDataException($"'{path}', line {i + 1}: {header[c]} '{fields[c]}' is not a number; the file is damaged");
                values[header[c]] = v;
            }
            rows.Add(new MetricsTableRow(epoch, fields[1], values));
        }
        return new MetricsTable(header[2..], rows);
    }
}
