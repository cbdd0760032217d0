using System.CommandLine;
using System.Globalization;
using MannRl.Engine;
using MannRl.Cli.Output;
using MannRl.Reports.Confusion;
using MannRl.Runs;

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
        var data = CommonOptions.Data();
        var output = new Option<string?>("--out")
        {
            Description = "Output prefix (default RUNDIR/predictions/<checkpoint>-<split>): writes PREFIX.alignment.tsv, PREFIX.confusion.csv, PREFIX.confusion.png, PREFIX.metrics.json.",
        };
        var batch = new Option<int?>("--batch-size") { Description = "Evaluation batch size (default: the config's eval_batch_size)." };
        var dataDir = CommonOptions.DataDir();
        var threads = CommonOptions.Threads();
        var cmd = new Command("predict", "Write per-symbol predictions, the confusion matrix and metrics of a checkpoint.")
        {
            runDir, checkpoint, split, data, output, batch, dataDir, threads,
        };
        cmd.SetAction(p => ExitCodes.Guard(() =>
        {
            var compute = CommonOptions.CreateCompute(p.GetValue(threads));
            var run = SavedRun.Open(p.GetValue(runDir)!, CommonOptions.ResolveDataDir(p.GetValue(dataDir)), p.GetValue(checkpoint));
            var target = EvaluationData.Select(run, p.GetValue(data), p.GetValue(split));
            int batchSize = p.GetValue(batch) ?? run.Config.EvalBatchSize;
            if (batchSize < 1) throw new UsageException($"--batch-size must be at least 1, got {batchSize}");
            if (batchSize > Config.ConfigLimits.MaxCount)
                throw new UsageException($"--batch-size must be at most {Config.ConfigLimits.MaxCount}, got {batchSize}; e.g. the config's eval_batch_size ({run.Config.EvalBatchSize})");
            string prefix = p.GetValue(output) ?? run.PredictionPrefix(target.Name);
            var result = ProgressDisplay.Run($"predict {run.CheckpointName} on {target.Name}", () => EvaluationProgressView.Poll(run),
                () => PredictionFiles.Write(run, target, batchSize, prefix, compute));
            ConfusionFigure.Build(result.Counts, target.Data.TargetSymbols, $"{Path.GetFileName(Path.GetFullPath(run.RunDir))}: {run.CheckpointName} on {target.Name} (batch {batchSize})")
                .Save(prefix + ".confusion.png");
            ConsoleOutput.Line($"wrote {prefix}.alignment.tsv, .confusion.csv, .confusion.png, .metrics.json (weighted F1 {result.Metrics.WeightedF1.ToString("F4", CultureInfo.InvariantCulture)})");
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
