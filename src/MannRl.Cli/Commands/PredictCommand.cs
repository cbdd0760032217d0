using System.CommandLine;
using System.Globalization;
using System.Text;
using MannRl.Evaluation;
using MannRl.IO;

namespace MannRl.Cli.Commands;

/// <summary>
/// <c>mannrl predict RUNDIR</c>: the per-symbol alignment (input, target, prediction) of every sequence,
/// the confusion matrix and the metrics, at any batch size (predictions are taken per row).
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("RUNDIR") { Description = "A run directory written by 'mannrl train'." };
        var checkpoint = CommonOptions.Checkpoint();
        var split = CommonOptions.Split();
        var output = new Option<string?>("--out")
        {
            Description = "Output prefix (default RUNDIR/predictions/<checkpoint>-<split>): writes PREFIX.alignment.tsv, PREFIX.confusion.csv, PREFIX.metrics.json.",
        };
        var batch = new Option<int?>("--batch-size") { Description = "Evaluation batch size (default: the config's eval_batch_size)." };
        var dataDir = CommonOptions.DataDir();
        var threads = CommonOptions.Threads();
        var cmd = new Command("predict", "Write per-symbol predictions, the confusion matrix and metrics of a checkpoint.")
        {
            runDir, checkpoint, split, output, batch, dataDir, threads,
        };
        cmd.SetAction(p => ExitCodes.Guard(() =>
        {
            CommonOptions.ApplyThreads(p.GetValue(threads));
            var run = SavedRun.Open(p.GetValue(runDir)!, p.GetValue(dataDir), p.GetValue(checkpoint));
            string s = p.GetValue(split)!;
            int batchSize = p.GetValue(batch) ?? run.Config.EvalBatchSize;
            if (batchSize < 1) throw new UsageException($"--batch-size must be at least 1, got {batchSize}");
            string prefix = p.GetValue(output) ?? Path.Combine(run.RunDir, "predictions", $"{run.CheckpointName}-{s}");
            Write(run, s, batchSize, prefix);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static void Write(SavedRun run, string split, int batchSize, string prefix)
    {
        var sequences = run.SplitSequences(split);
        var predictions = sequences.Select(q => new int[q.Length]).ToArray();
        var result = new Evaluator(run.Action, run.Memory, batchSize)
            .Evaluate(sequences, run.Data.HasAnswerAtEnd, (seq, pos, _, predicted) => predictions[seq][pos] = predicted);

        var targets = run.Data.TargetSymbols;
        var inputs = run.Data.InputSymbols;
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
        AtomicFile.WriteText(prefix + ".metrics.json", MetricsJson.Format(run, split, sequences.Count, batchSize, result));
        Console.WriteLine($"wrote {prefix}.alignment.tsv, .confusion.csv, .metrics.json (weighted F1 {result.Metrics.WeightedF1.ToString("F4", CultureInfo.InvariantCulture)})");
    }

    // Symbols may be tabs or newlines (sentence characters): keep the TSV one line per symbol.
    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");
}
