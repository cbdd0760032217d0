using System.Text;
using MannRl.Engine;
using MannRl.Evaluation;
using MannRl.IO;

namespace MannRl.Runs;

/// <summary>
/// What <c>mannrl predict</c> writes for a saved run: <c>PREFIX.alignment.tsv</c> (input, target and prediction of
/// every position), <c>PREFIX.confusion.csv</c> and <c>PREFIX.metrics.json</c>.
/// </summary>
public static class PredictionFiles
{
    /// <summary>
    /// Evaluates <paramref name="target"/> at <paramref name="batchSize"/> on the threads <paramref name="compute"/>
    /// allows and writes the three files; returns the evaluation.
    /// </summary>
    public static EvaluationResult Write(SavedRun run, EvaluationData target, int batchSize, string prefix, Compute compute)
    {
        var sequences = target.Sequences;
        var predictions = sequences.Select(q => new int[q.Length]).ToArray();
        var result = run.Evaluate(target, batchSize, compute, (seq, pos, _, predicted) => predictions[seq][pos] = predicted);

        var targets = target.Data.TargetSymbols;
        var inputs = target.Data.InputSymbols;
        var tsv = new StringBuilder("sequence\tposition\tinput\ttarget\tprediction\tcorrect\n");
        for (int i = 0; i < sequences.Count; i++)
        {
            var q = sequences[i];
            for (int t = 0; t < q.Length; t++)
            {
                string input = q.InputIds is { } ids && inputs is not null ? inputs[ids[t]] : "";
                tsv.Append(i).Append('\t').Append(t).Append('\t').Append(Escape(input)).Append('\t')
                   .Append(Escape(targets[q.Targets[t]])).Append('\t').Append(Escape(targets[predictions[i][t]])).Append('\t')
                   .Append(q.Targets[t] == predictions[i][t] ? 1 : 0).Append('\n');
            }
        }
        AtomicFile.WriteText(prefix + ".alignment.tsv", tsv.ToString());
        AtomicFile.WriteText(prefix + ".confusion.csv", result.Counts.ToCsv(targets));
        AtomicFile.WriteText(prefix + ".metrics.json", MetricsJson.Format(run, target, batchSize, result));
        return result;
    }

    // Symbols may be tabs or newlines (sentence characters): keep the TSV one line per symbol.
    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");
}
