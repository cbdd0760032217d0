using System.Text.Json;
using MannRl.Evaluation;

namespace MannRl.Runs;

/// <summary>The JSON form of an evaluation of a saved run (what <c>evaluate --json</c> prints and <c>predict</c> writes).</summary>
public static class MetricsJson
{
    /// <summary>
    /// The indented JSON object: run, checkpoint, split (and data file), counts, micro and weighted scores, answer
    /// accuracy (exact match on memory tasks), and with <paramref name="bins"/> the same per length bin.
    /// </summary>
    public static string Format(SavedRun run, EvaluationData target, int batchSize, EvaluationResult r, LengthBins? bins = null)
    {
        var o = new Dictionary<string, object?>
        {
            ["run"] = Path.GetFullPath(run.RunDir),
            ["checkpoint"] = run.CheckpointName,
            ["split"] = target.Name,
        };
        if (target.DataFile is not null) o["data"] = target.DataFile;
        o["sequences"] = target.Sequences.Count;
        o["batch_size"] = batchSize;
        o["scored"] = target.Data.Scoring.Name;
        AddMetrics(o, r);
        if (bins is not null && r.Groups is not null)
        {
            o["by_length"] = r.Groups.Select(kv =>
            {
                var bin = new Dictionary<string, object?>
                {
                    ["unit"] = target.Data.Length.Unit,
                    ["min"] = kv.Key,
                    ["max"] = bins.End(kv.Key),
                    ["sequences"] = kv.Value.Sequences,
                    ["accuracy"] = kv.Value.Metrics.Accuracy,
                };
                AddMetrics(bin, kv.Value);
                return bin;
            }).ToArray();
        }
        return JsonSerializer.Serialize(o, new JsonSerializerOptions { WriteIndented = true });
    }

    private static void AddMetrics(Dictionary<string, object?> o, EvaluationResult r)
    {
        var m = r.Metrics;
        o["micro_precision"] = m.MicroPrecision;
        o["micro_recall"] = m.MicroRecall;
        o["micro_f1"] = m.MicroF1;
        o["weighted_precision"] = m.WeightedPrecision;
        o["weighted_recall"] = m.WeightedRecall;
        o["weighted_f1"] = m.WeightedF1;
        o["answer_accuracy"] = r.AnswerAccuracy;
    }
}
