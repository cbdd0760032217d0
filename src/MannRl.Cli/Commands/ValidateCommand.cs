using System.CommandLine;
using System.Globalization;
using MannRl.Cli.Output;
using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Training;

namespace MannRl.Cli.Commands;

/// <summary>
/// <c>mannrl validate [CONFIG]</c> (and <c>mannrl train --dry-run</c>): loads the config and its data, builds the nets,
/// prints their parameter counts, the memory the run will use and its time per epoch from a few timed training steps;
/// trains nothing and writes nothing (logic data that would be generated into the data directory is generated in
/// memory only).
/// </summary>
internal static class ValidateCommand
{
    /// <summary>Seconds spent timing training steps (warm-up and evaluation batches come on top).</summary>
    private static readonly TimeSpan TimingBudget = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var config = new Argument<string?>("CONFIG")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = $"Config file or built-in name (default: the built-in {Experiment.DefaultConfig}).",
        };
        var dataDir = CommonOptions.DataDir();
        var set = CommonOptions.Set();
        var threads = CommonOptions.Threads();
        var cmd = new Command("validate",
            "Check a config against its data without training: parameter counts per net, the memory the run needs, time per epoch from a few timed steps. Writes nothing.")
        {
            config, dataDir, set, threads,
        };
        cmd.SetAction(p => ExitCodes.Guard(() =>
        {
            var loaded = Experiment.LoadConfig(p.GetValue(config), p.GetValue(set)!);
            foreach (var w in loaded.Warnings) Console.Error.WriteLine($"warning: {w}");
            var compute = CommonOptions.CreateCompute(p.GetValue(threads));
            Report(loaded.Config, DataDirectory.Resolve(p.GetValue(dataDir)), compute);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    /// <summary>Loads the data of <paramref name="c"/> (without caching anything), builds and times the nets, prints the figures.</summary>
    public static void Report(ExperimentConfig c, string dataDir, Compute compute)
    {
        var dataLines = new List<string>();
        string step = "loading data";
        TrainingEstimate? estimate = null;
        var data = ProgressDisplay.Run("validate", () => new ProgressState(double.NaN, step), () =>
        {
            var loaded = Experiment.LoadData(c, dataDir, dataLines.Add, training: true, writeCaches: false);
            step = "building the nets and timing a few steps";
            estimate = TrainingEstimator.Measure(c, loaded, compute, TimingBudget);
            return loaded;
        });
        var e = estimate!;
        Console.WriteLine($"config   {c.Source}: dataset {c.Dataset}, model {c.Model}, {c.Epochs} epochs, seed {c.Seed}");
        Console.WriteLine($"data     {data.Train.Count} train / {data.Validation.Count} validation sequences"
            + (data.Test.Count > 0 ? $" / {data.Test.Count} test" : "") + $", input {data.InputDim}, targets {data.TargetDim} ({dataDir})");
        foreach (string line in dataLines) Console.WriteLine($"         {line}");
        foreach (var net in e.Networks)
            Console.WriteLine($"net      {net.Name,-7} {N(net.Parameters),12} parameters{(net.Note is null ? "" : $" ({net.Note})")}");
        Console.WriteLine($"net      {"total",-7} {N(e.TotalParameters),12} parameters");
        Console.WriteLine($"memory   {MemoryLine(c, data)}; this process now: {Mib(Environment.WorkingSet)} (data loaded, nets built)");
        Console.WriteLine($"time     epoch 1: {N(e.StepsFirstEpoch)} steps x {Seconds(e.SecondsPerStep)} = {Seconds(e.FirstEpochSeconds)} training"
            + $" + {Seconds(e.SecondsPerEvaluation)} evaluation (every {c.EvalInterval} epoch{(c.EvalInterval == 1 ? "" : "s")})");
        string grows = e.EpochSeconds.Count > 1 && e.EpochSeconds[^1] > 1.05 * e.EpochSeconds[0]
            ? $"; the curriculum grows epoch {e.EpochSeconds.Count} to {Seconds(e.EpochSeconds[^1])}" : "";
        Console.WriteLine($"time     run: {c.Epochs} epochs and {e.Evaluations} evaluations, about {Seconds(e.RunSeconds)}{grows}");
        Console.WriteLine($"         ({e.StepsTimed} steps timed on {compute.Threads} thread{(compute.Threads == 1 ? "" : "s")}, under this machine's present load)");
        Console.WriteLine("nothing trained, nothing written");
    }

    /// <summary>The memory the run will need: the estimate every command checks configs against.</summary>
    private static string MemoryLine(ExperimentConfig c, SequenceDataset data) =>
        MemoryEstimate.Of(c, data.InputDim, data.TargetDim).ToString();

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F0} MiB";

    private static string Seconds(double s) => s switch
    {
        < 1e-3 => $"{s * 1e6:F0} us",
        < 1 => $"{s * 1e3:F1} ms",
        < 120 => $"{s:F1} s",
        < 7200 => $"{s / 60:F1} min",
        _ => $"{s / 3600:F1} h",
    };
}
