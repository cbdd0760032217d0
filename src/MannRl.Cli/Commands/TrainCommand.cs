using System.CommandLine;
using System.Globalization;
using MannRl.Cli.Output;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Reports.Curves;
using MannRl.Runs;
using MannRl.Training;
using Spectre.Console;

namespace MannRl.Cli.Commands;

/// <summary><c>mannrl train [CONFIG] [RUNDIR]</c>: one training run into a new run directory (<see cref="TrainingRun"/>).</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Argument<string?>("CONFIG")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "YAML config file with the original's keys, or a built-in config's name such as logic/logic_m_resets "
                + $"(list: mannrl configs; default: the built-in {Experiment.DefaultConfig}).",
        };
        var runDir = new Argument<string?>("RUNDIR")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "New run directory (default: runs/<dataset>-<timestamp>); an existing non-empty one, or one another run is writing, is refused.",
        };
        var dataDir = CommonOptions.DataDir();
        var seed = new Option<ulong?>("--seed") { Description = "Override the config's seed (default 13)." };
        var epochs = new Option<int?>("--epochs") { Description = "Override the config's number of epochs." };
        var threads = CommonOptions.Threads();
        var set = CommonOptions.Set();
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the config and data, print the nets' sizes, memory and time per epoch, and stop (as mannrl validate): trains and writes nothing." };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the interrupted run in this RUNDIR instead of starting one (as 'mannrl resume RUNDIR'; no CONFIG or RUNDIR arguments).",
        };
        var cmd = new Command("train", "Train an action net and a memory-net; writes config.yaml, experiment.log, metrics.csv, checkpoints/ and its resume state state/.")
        {
            config, runDir, dataDir, seed, epochs, threads, set, dryRun, resume,
        };
        cmd.SetAction(p => ExitCodes.Guard(() =>
        {
            if (p.GetValue(resume) is not { } resumeDir)
                return Run(p.GetValue(config), p.GetValue(runDir), p.GetValue(dataDir), p.GetValue(seed), p.GetValue(epochs), p.GetValue(threads),
                    p.GetValue(set)!, p.GetValue(dryRun));
            if (p.GetValue(config) is not null || p.GetValue(runDir) is not null || p.GetValue(seed) is not null || p.GetValue(epochs) is not null
                || p.GetValue(set) is { Length: > 0 } || p.GetValue(dryRun))
                throw new UsageException("--resume continues a run with its own config: drop CONFIG, RUNDIR, --seed, --epochs, --set and --dry-run");
            return ResumeCommand.Run(resumeDir, p.GetValue(threads), CommonOptions.ResolveDataDir(p.GetValue(dataDir)));
        }));
        return cmd;
    }

    private static int Run(string? configPath, string? runDir, string? dataDirOption, ulong? seed, int? epochs, int threads, string[] overrides,
        bool dryRun)
    {
        var compute = CommonOptions.CreateCompute(threads);
        var loaded = Experiment.LoadConfig(configPath, overrides);
        foreach (var w in loaded.Warnings) Console.Error.WriteLine($"warning: {w}");
        var c = loaded.Config;
        if (seed is { } s) c.Seed = s;
        if (epochs is { } e)
        {
            if (e < 1) throw new UsageException($"--epochs must be at least 1, got {e}");
            c.Epochs = e;
        }
        runDir ??= RunDirectory.DefaultPath(c);
        string dataDir = DataDirectory.Resolve(dataDirOption);
        if (dryRun)
        {
            RunDirectory.CheckAvailable(runDir);
            ValidateCommand.Report(c, dataDir, compute);
            return ExitCodes.Ok;
        }
        CurvesRefresher? curves = null;
        TrainingProgressView? view = null;
        var hooks = new TrainingRunHooks(
            Sink: run => curves = new CurvesRefresher(run, run.FullPath),
            Started: trainer => view = new TrainingProgressView(trainer.Progress));
        TrainingSummary summary;
        using var signals = StopSignals.Listen();
        try
        {
            summary = ProgressDisplay.Run($"train {Path.GetFileName(Path.GetFullPath(runDir))}",
                () => view?.Poll() ?? new ProgressState(double.NaN, "loading data"),
                () => TrainingRun.Execute(c, dataDir, runDir, compute, ConsoleOutput.LogLine, signals.Token, hooks));
        }
        catch (OperationCanceledException) when (signals.Stopped)
        {
            return ResumeCommand.Stopped(Path.GetFullPath(runDir), signals);
        }
        finally
        {
            curves?.Finish(); // a failed run still gets the picture of what it evaluated
        }
        PrintSummary(summary, Path.GetFullPath(runDir));
        return ExitCodes.Ok;
    }

    internal static void PrintSummary(TrainingSummary s, string runDir)
    {
        var table = new Table().AddColumns("split", "micro F1", "weighted F1", "answers");
        foreach (var row in new[] { s.LastTrain, s.LastValidation })
        {
            if (row is null) continue;
            table.AddRow(row.Split, row.Metrics.MicroF1.ToString("F4", CultureInfo.InvariantCulture),
                row.Metrics.WeightedF1.ToString("F4", CultureInfo.InvariantCulture),
                row.AnswerAccuracy is { } a ? a.ToString("P1", CultureInfo.InvariantCulture) : "-");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{s.Steps} steps, {s.MemoryTrainings} memory trainings in {s.Seconds:F1} s. Run: {runDir} (learning curves: {CurvesRefresher.FileName})");
    }
}
