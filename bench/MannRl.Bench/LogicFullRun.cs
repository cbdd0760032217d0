using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MannRl.Bench;

/// <summary>The final evaluation of one split, from a run's metrics.csv.</summary>
public sealed record FinalMetrics(int Epoch, string Split, double MicroF1, double WeightedF1, double? AnswerAccuracy);

/// <summary>A full training run through the built CLI.</summary>
/// <param name="Command">The command line as run.</param>
/// <param name="WallSeconds">Wall time from spawn to exit (process start, data, training, evaluations, checkpoints).</param>
/// <param name="TrainingSeconds">The trainer's own clock ("Training done: ... s" in experiment.log), or null.</param>
/// <param name="Steps">Training steps from the log, or null.</param>
/// <param name="PeakResidentBytes">Last VmHWM read from /proc while it ran (polled every 20 ms), or null.</param>
/// <param name="Train">Last "train" evaluation.</param>
/// <param name="Validation">Last validation evaluation.</param>
public sealed record FullRunResult(string Command, double WallSeconds, double? TrainingSeconds, long? Steps, long? PeakResidentBytes,
    FinalMetrics? Train, FinalMetrics? Validation);

/// <summary>Runs <c>mannrl train configs/logic/logic_m_best.yaml</c> with the built CLI and reads back its metrics.</summary>
public static partial class LogicFullRun
{
    /// <summary>Where the Release build puts the CLI.</summary>
    public static string CliPath(string repo) => Path.Combine(repo, "src", "MannRl.Cli", "bin", "Release", "net10.0", "mannrl.dll");

    /// <summary>Spawns the run in a fresh temporary run directory (removed afterwards) and waits for it.</summary>
    public static FullRunResult Run(string repo, string dataDir)
    {
        string cli = CliPath(repo);
        if (!File.Exists(cli))
            throw new FileNotFoundException($"the CLI is not built at {cli}; run `dotnet build MannRl.slnx -c Release` first");
        string runDir = Path.Combine(Path.GetTempPath(), $"mannrl-steps-logic-{Environment.ProcessId}-{DateTime.UtcNow:yyyyMMddHHmmss}");
        string[] arguments = [cli, "train", "configs/logic/logic_m_best.yaml", runDir, "--data-dir", dataDir, "--threads", "1"];
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) psi.ArgumentList.Add(a);
        string command = "dotnet " + string.Join(' ', arguments);
        Console.Error.WriteLine($"full logic run: {command}");

        long? peak = null;
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        var clock = Stopwatch.StartNew();
        using (var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet"))
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            while (!process.WaitForExit(20))
                peak = ProcessMemory.PeakResidentBytes(process.Id) ?? peak;
            process.WaitForExit(); // drains the redirected streams
            clock.Stop();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"the logic run failed with exit code {process.ExitCode}:\n{stderr}\n{Tail(stdout.ToString(), 2000)}");
        }

        try
        {
            string log = File.ReadAllText(Path.Combine(runDir, MannRl.Runs.RunFiles.Log));
            var done = DoneLine().Match(log);
            var rows = File.ReadAllLines(Path.Combine(runDir, MannRl.Runs.RunFiles.Metrics)).Skip(1).Select(ParseRow).ToList();
            int last = rows.Count > 0 ? rows.Max(r => r.Epoch) : 0;
            return new FullRunResult(command, clock.Elapsed.TotalSeconds,
                done.Success ? double.Parse(done.Groups["s"].Value, CultureInfo.InvariantCulture) : null,
                done.Success ? long.Parse(done.Groups["steps"].Value, CultureInfo.InvariantCulture) : null,
                peak,
                rows.LastOrDefault(r => r.Epoch == last && r.Split == "train"),
                rows.LastOrDefault(r => r.Epoch == last && r.Split == "validation"));
        }
        finally
        {
            Directory.Delete(runDir, recursive: true);
        }
    }

    // epoch,split,micro_precision,micro_recall,micro_f1,weighted_precision,weighted_recall,weighted_f1,answer_accuracy,...
    private static FinalMetrics ParseRow(string line)
    {
        string[] f = line.Split(',');
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return new FinalMetrics(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], D(f[4]), D(f[7]), f[8].Length > 0 ? D(f[8]) : null);
    }

    private static string Tail(string s, int chars) => s.Length <= chars ? s : s[^chars..];

    [GeneratedRegex(@"Training done: (?<steps>\d+) steps, \d+ memory trainings, (?<s>[0-9.]+) s")]
    private static partial Regex DoneLine();
}
