using System.Text.Json;
using MannRl.Evaluation;

namespace MannRl.Cli.Commands;

/// <summary>The JSON form of an evaluation that evaluate --json and predict both write.</summary>
internal static class MetricsJson
{
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
