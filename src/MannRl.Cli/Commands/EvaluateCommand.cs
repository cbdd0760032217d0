using System.CommandLine;
using System.Globalization;
using MannRl.Engine;
using MannRl.Evaluation;
using MannRl.Runs;
using Spectre.Console;

namespace MannRl.Cli.Commands;

/// <summary><c>mannrl evaluate RUNDIR</c>: metrics of a saved checkpoint on one split.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("RUNDIR") { Description = "A run directory written by 'mannrl train'." };
        var checkpoint = CommonOptions.Checkpoint();
        var split = CommonOptions.Split();
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON instead of a table." };
        var dataDir = CommonOptions.DataDir();
        var threads = CommonOptions.Threads();
        var cmd = new Command("evaluate", "Evaluate a checkpoint: micro and weighted precision, recall, F1 (and answer accuracy on logic).")
        {
            runDir, checkpoint, split, json, dataDir, threads,
        };
        cmd.SetAction(p => ExitCodes.Guard(() =>
        {
            var compute = CommonOptions.CreateCompute(p.GetValue(threads));
            var run = SavedRun.Open(p.GetValue(runDir)!, CommonOptions.ResolveDataDir(p.GetValue(dataDir)), p.GetValue(checkpoint));
            string s = p.GetValue(split)!;
            var result = run.Evaluate(s, run.Config.EvalBatchSize, compute);
            Print(run, s, run.Data.Split(s).Count, result, p.GetValue(json));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static void Print(SavedRun run, string split, int count, EvaluationResult r, bool json)
    {
        var m = r.Metrics;
        if (json)
        {
            Console.WriteLine(MetricsJson.Format(run, split, count, run.Config.EvalBatchSize, r));
            return;
        }
        static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        var table = new Table().Title($"{run.CheckpointName} on {split} ({count} sequences)").AddColumns("", "precision", "recall", "F1");
        table.AddRow("micro", F(m.MicroPrecision), F(m.MicroRecall), F(m.MicroF1));
        table.AddRow("weighted", F(m.WeightedPrecision), F(m.WeightedRecall), F(m.WeightedF1));
        AnsiConsole.Write(table);
        if (r.AnswerAccuracy is { } a) AnsiConsole.WriteLine($"answer accuracy: {a.ToString("P2", CultureInfo.InvariantCulture)}");
    }
}
