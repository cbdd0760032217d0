using System.Text.Json;
using MannRl.Evaluation;

namespace MannRl.Runs;

/// <summary>The JSON form of an evaluation of a saved run (what <c>evaluate --json</c> prints and <c>predict</c> writes).</summary>
public static class MetricsJson
{
    /// <summary>The indented JSON object: run, checkpoint, split, counts, micro and weighted scores, answer accuracy.</summary>
    public static string Format(SavedRun run, string split, int sequences, int batchSize, EvaluationResult r)
    {
        var m = r.Metrics;
        var o = new Dictionary<string, object?>
        {
            ["run"] = Path.GetFullPath(run.RunDir),
            ["checkpoint"] = run.CheckpointName,
            ["split"] = split,
            ["sequences"] = sequences,
            ["batch_size"] = batchSize,
            ["micro_precision"] = m.MicroPrecision,
            ["micro_recall"] = m.MicroRecall,
            ["micro_f1"] = m.MicroF1,
            ["weighted_precision"] = m.WeightedPrecision,
            ["weighted_recall"] = m.WeightedRecall,
            ["weighted_f1"] = m.WeightedF1,
            ["answer_accuracy"] = r.AnswerAccuracy,
        };
        return JsonSerializer.Serialize(o, new JsonSerializerOptions { WriteIndented = true });
    }
}
