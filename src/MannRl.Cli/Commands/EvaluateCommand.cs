using System.CommandLine;
using System.Globalization;
using MannRl.Engine;
using MannRl.Cli.Output;
using MannRl.Evaluation;
using MannRl.Runs;
using Spectre.Console;

namespace MannRl.Cli.Commands;

/// <summary>
/// <c>mannrl evaluate RUNDIR</c>: metrics of a saved checkpoint on one split, or on another data set of the same
/// task (<c>--data</c>), optionally per length bin (<c>--by-length</c>).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("RUNDIR") { Description = "A run directory written by 'mannrl train'." };
        var checkpoint = CommonOptions.Checkpoint();
        var split = CommonOptions.Split();
        var data = CommonOptions.Data();
        var byLength = new Option<bool>("--by-length") { Description = "Also report the metrics per sequence-length bin (operands, symbols, pairs or steps)." };
        var binWidth = new Option<int?>("--bin-width")
        {
            Description = "Lengths per bin for --by-length (default: 1 where the lengths span at most 12 values, else 5).",
        };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON instead of a table." };
        var dataDir = CommonOptions.DataDir();
        var threads = CommonOptions.Threads();
        var cmd = new Command("evaluate",
            "Evaluate a checkpoint: micro and weighted precision, recall, F1, answer accuracy (logic) or exact match (memory tasks).")
        {
            runDir, checkpoint, split, data, byLength, binWidth, json, dataDir, threads,
        };
        cmd.SetAction(p => ExitCodes.Guard(() =>
        {
            var compute = CommonOptions.CreateCompute(p.GetValue(threads));
            if (p.GetValue(binWidth) is < 1) throw new UsageException($"--bin-width must be at least 1, got {p.GetValue(binWidth)}");
            var run = SavedRun.Open(p.GetValue(runDir)!, CommonOptions.ResolveDataDir(p.GetValue(dataDir)), p.GetValue(checkpoint));
            var target = EvaluationData.Select(run, p.GetValue(data), p.GetValue(split));
            LengthBins? bins = null;
            Func<int, int>? groupOf = null;
            if (p.GetValue(byLength))
            {
                var lengths = target.Sequences.Select(target.Data.Length.Of).ToArray();
                bins = p.GetValue(binWidth) is int w ? new LengthBins(w) : LengthBins.For(lengths);
                groupOf = i => bins.BinOf(lengths[i]);
            }
            // --json output is data for another program: no progress lines among it.
            var result = p.GetValue(json) ? run.Evaluate(target, run.Config.EvalBatchSize, compute, groupOf: groupOf)
                : ProgressDisplay.Run($"evaluate {run.CheckpointName} on {target.Name}", () => EvaluationProgressView.Poll(run),
                    () => run.Evaluate(target, run.Config.EvalBatchSize, compute, groupOf: groupOf));
            if (p.GetValue(json)) Console.WriteLine(MetricsJson.Format(run, target, run.Config.EvalBatchSize, result, bins));
            else Print(run, target, result, bins);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static void Print(SavedRun run, EvaluationData target, EvaluationResult r, LengthBins? bins)
    {
        var m = r.Metrics;
        string on = target.DataFile is null ? target.Name : $"{target.DataFile} ({target.Name})";
        var table = new Table().Title($"{run.CheckpointName} on {Markup.Escape(on)} ({target.Sequences.Count} sequences)").AddColumns("", "precision", "recall", "F1");
        table.AddRow("micro", F(m.MicroPrecision), F(m.MicroRecall), F(m.MicroF1));
        table.AddRow("weighted", F(m.WeightedPrecision), F(m.WeightedRecall), F(m.WeightedF1));
        AnsiConsole.Write(table);
        if (target.Data.Scoring.RecallOnly) AnsiConsole.WriteLine($"scored: {target.Data.Scoring}; per-symbol accuracy {P(m.Accuracy)}");
        if (r.AnswerAccuracy is { } a) AnsiConsole.WriteLine($"{target.AnswerName}: {P(a)}");
        if (bins is null || r.Groups is null) return;
        var byLength = new Table().Title($"by length ({target.Data.Length.Unit})")
            .AddColumns(target.Data.Length.Unit, "sequences", "accuracy", "weighted F1", target.AnswerName);
        foreach (var (start, g) in r.Groups)
            byLength.AddRow(bins.Name(start), g.Sequences.ToString(CultureInfo.InvariantCulture), P(g.Metrics.Accuracy), F(g.Metrics.WeightedF1),
                g.AnswerAccuracy is { } ga ? P(ga) : "-");
        AnsiConsole.Write(byLength);
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);

    private static string P(double v) => v.ToString("P2", CultureInfo.InvariantCulture);
}
