using System.CommandLine;
using MannRl.Cli.Output;
using MannRl.Reports.Curves;
using MannRl.Runs;
using MannRl.Training;

namespace MannRl.Cli.Commands;

/// <summary><c>mannrl resume RUNDIR</c> (also <c>mannrl train --resume RUNDIR</c>): continues an interrupted run (<see cref="TrainingRun.Resume"/>).</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("RUNDIR") { Description = "The run directory of an interrupted 'mannrl train' (killed, stopped, out of time)." };
        var threads = CommonOptions.Threads();
        var dataDir = new Option<string?>("--data-dir") { Description = "Data directory (default: the one the run recorded in run.json)." };
        var cmd = new Command("resume", "Continue an interrupted training run from its last saved state; it ends as the uninterrupted run would have, bit for bit.")
        {
            runDir, threads, dataDir,
        };
        cmd.SetAction(p => ExitCodes.Guard(() => Run(p.GetValue(runDir)!, p.GetValue(threads), CommonOptions.ResolveDataDir(p.GetValue(dataDir)))));
        return cmd;
    }

    /// <summary>Resumes <paramref name="runDir"/> with a progress display; Ctrl-C / SIGTERM stop it again, resumable.</summary>
    public static int Run(string runDir, int threads, string? dataDir)
    {
        var compute = CommonOptions.CreateCompute(threads);
        string full = Path.GetFullPath(runDir);
        TrainingProgressView? view = null;
        var hooks = new TrainingRunHooks(Started: trainer => view = new TrainingProgressView(trainer.Progress));
        using var signals = StopSignals.Listen();
        TrainingSummary summary;
        try
        {
            summary = ProgressDisplay.Run($"resume {Path.GetFileName(full)}",
                () => view?.Poll() ?? new ProgressState(double.NaN, "loading data"),
                () => TrainingRun.Resume(full, compute, ConsoleOutput.LogLine, signals.Token, hooks, dataDir));
        }
        catch (OperationCanceledException) when (signals.Stopped)
        {
            DrawCurves(full);
            return Stopped(full, signals);
        }
        if (summary.AlreadyFinished)
        {
            Console.WriteLine($"run {full} already finished ({summary.Steps} steps); nothing to do");
            return ExitCodes.Ok;
        }
        DrawCurves(full);
        TrainCommand.PrintSummary(summary, full);
        return ExitCodes.Ok;
    }

    /// <summary>After a graceful stop: says how to continue; returns 130 (SIGINT) or 143 (SIGTERM).</summary>
    public static int Stopped(string runDir, StopSignals signals)
    {
        Console.Error.WriteLine($"stopped; resume with: mannrl resume {runDir}");
        return signals.ExitCode;
    }

    // The picture of the whole run (the refresher of a fresh start sees only the rows it writes).
    private static void DrawCurves(string runDir)
    {
        string metrics = Path.Combine(runDir, RunFiles.Metrics);
        if (!File.Exists(metrics)) return;
        var rows = MetricsFile.Read(metrics);
        if (rows.Count == 0) return;
        CurvesFigure.Save([new RunCurves(Path.GetFileName(runDir), rows.ToArray())], Path.Combine(runDir, CurvesRefresher.FileName));
    }
}
