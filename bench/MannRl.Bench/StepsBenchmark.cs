using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MannRl.Bench;

/// <summary>
/// The <c>steps</c> suite: for each best setting of the reference (logic, POS, sentences-500 with memory 1,024, parallel
/// nets with memory 8,192) it loads the real data and the shipped config, builds the networks with the real
/// <see cref="MannRl.Training.Trainer"/>, and measures with 1 and 2 threads: training steps per second, evaluation symbols
/// per second, FLOPs per step from the layer shapes, achieved GFLOP/s against the FMA peak, a profile of the step, peak
/// resident memory (one child process per setting); then the full logic best run through the built CLI, with its
/// accuracy. Options: <c>--out PATH</c> (default docs/benchmarks-steps.md), <c>--settings a,b</c> (default all),
/// <c>--repeats N</c> (timed repeats, default 5), <c>--data-dir DIR</c> (default &lt;repo&gt;/../shared/data),
/// <c>--no-full-run</c> (skip the CLI run), <c>--no-contended</c> (skip the contended scenario: each setting again with
/// another process keeping one CPU busy, <see cref="BusyProcess"/>, at 1 thread and the default thread count).
/// </summary>
public static class StepsBenchmark
{
    private const string DefaultOut = "docs/benchmarks-steps.md";

    /// <summary>Runs the suite (or, with <c>--child</c>, one setting of it); returns the exit code.</summary>
    public static int Run(string[] args)
    {
        string outPath = DefaultOut;
        string? dataDir = null, child = null, result = null, repoOption = null;
        int repeats = 5;
        bool fullRun = true, contended = true;
        string? threadList = null;
        var settings = StepSetting.All.ToList();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: outPath = args[++i]; break;
                case "--data-dir" when i + 1 < args.Length: dataDir = args[++i]; break;
                case "--repeats" when i + 1 < args.Length && int.TryParse(args[i + 1], out repeats) && repeats > 0: i++; break;
                case "--no-full-run": fullRun = false; break;
                case "--no-contended": contended = false; break;
                case "--threads-list" when i + 1 < args.Length: threadList = args[++i]; break;
                case "--settings" when i + 1 < args.Length:
                    var names = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = names.Where(n => StepSetting.All.All(s => s.Name != n)).ToArray();
                    if (unknown.Length > 0 || names.Length == 0)
                    {
                        Console.Error.WriteLine($"steps: unknown setting(s) {string.Join(", ", unknown)}; use {string.Join(",", StepSetting.All.Select(s => s.Name))}");
                        return 2;
                    }
                    settings = StepSetting.All.Where(s => names.Contains(s.Name)).ToList();
                    break;
                // Internal: the parent runs each setting in its own process.
                case "--child" when i + 1 < args.Length: child = args[++i]; break;
                case "--result" when i + 1 < args.Length: result = args[++i]; break;
                case "--repo" when i + 1 < args.Length: repoOption = args[++i]; break;
                default:
                    Console.Error.WriteLine($"steps: unknown or incomplete option '{args[i]}'; options: --out PATH, --settings " +
                        $"{string.Join(",", StepSetting.All.Select(s => s.Name))}, --repeats N (N >= 1), --data-dir DIR, --no-full-run, --no-contended");
                    return 2;
            }
        }

        string repo = repoOption ?? BenchReport.FindRepo();
        dataDir = Path.GetFullPath(dataDir ?? Path.Combine(repo, "..", "shared", "data"));
        if (child is not null)
            return StepChild.Run(StepSetting.All.Single(s => s.Name == child), repo, dataDir, repeats, result!,
                threadList?.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray());

        string started = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        string loadBefore = BenchReport.LoadAverage();
        Console.Error.WriteLine($"load average before: {loadBefore}");
        Console.Error.WriteLine("measuring the clock and the FMA peak ...");
        var (ghzBefore, fmaBefore) = (CpuPeak.MeasureGHz(), CpuPeak.MeasureFmaGflops());

        var results = new List<SettingResult>();
        foreach (var s in settings)
        {
            var r = RunChild(s, repo, dataDir, repeats);
            if (r is null) return 1;
            results.Add(r);
        }
        // The contended scenario (issue 18): another process spins on one CPU while each setting runs at 1 thread and at the
        // default thread count, which must then be no more than 10% slower than 1 thread.
        List<SettingResult>? busyResults = null;
        int busyCpu = -1;
        if (contended && Environment.ProcessorCount > 1)
        {
            busyResults = [];
            foreach (var s in settings)
            {
                using var busy = BusyProcess.Start();
                busyCpu = busy.Cpu;
                Console.Error.WriteLine($"setting {s.Name}, one CPU busy (CPU {busy.Cpu}):");
                var r = RunChild(s, repo, dataDir, repeats, [.. new[] { 1, MannRl.Engine.Compute.DefaultThreads }.Distinct()]);
                if (r is null) return 1;
                busyResults.Add(r);
            }
        }
        FullRunResult? logic = fullRun ? LogicFullRun.Run(repo, dataDir) : null;
        string loadAfter = BenchReport.LoadAverage();
        // Again at the end: another process sharing the core can only slow these loops down, so the higher figure is the clock.
        Console.Error.WriteLine("measuring the clock and the FMA peak again ...");
        var (ghzAfter, fmaAfter) = (CpuPeak.MeasureGHz(), CpuPeak.MeasureFmaGflops());
        double ghz = Math.Max(ghzBefore, ghzAfter);
        double peak1 = CpuPeak.PeakGflops(ghz);
        double fmaMeasured = Math.Max(fmaBefore, fmaAfter);
        Console.Error.WriteLine($"clock {ghzBefore:F2} GHz before, {ghzAfter:F2} GHz after; FMA loop {fmaBefore:F1} / {fmaAfter:F1} GFLOP/s");

        string command = "dotnet run -c Release --project bench/MannRl.Bench -- steps" + (args.Length > 0 ? " " + string.Join(' ', args) : "");
        string report = StepsReport.Build(new StepsReport.Facts(started, BenchReport.Commit(), Environment.ProcessorCount,
            BenchReport.CpuModel(), command, loadBefore, loadAfter, ghz, peak1, fmaMeasured, dataDir,
            $"{ghzBefore:F2} GHz before the settings, {ghzAfter:F2} GHz after; FMA loop {fmaBefore:F1} and {fmaAfter:F1} GFLOP/s"), results, logic,
            busyResults is null ? null : new StepsReport.Contended(busyCpu, MannRl.Engine.Compute.DefaultThreads, busyResults));
        BenchReport.WriteAtomically(Path.Combine(repo, outPath), report);
        Console.WriteLine(report);
        Console.Error.WriteLine($"written to {Path.GetFullPath(Path.Combine(repo, outPath))}");
        return 0;
    }

    private static SettingResult? RunChild(StepSetting s, string repo, string dataDir, int repeats, int[]? threadCounts = null)
    {
        string resultPath = Path.Combine(Path.GetTempPath(), $"mannrl-steps-{s.Name}-{Environment.ProcessId}.json");
        var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        // Started as `dotnet MannRl.Bench.dll` the process is dotnet itself; as the apphost (dotnet run) it is the bench.
        if (Path.GetFileNameWithoutExtension(psi.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            psi.ArgumentList.Add(typeof(StepsBenchmark).Assembly.Location);
        foreach (string a in new[] { "steps", "--child", s.Name, "--result", resultPath, "--repeats", repeats.ToString(CultureInfo.InvariantCulture),
                     "--data-dir", dataDir, "--repo", repo })
            psi.ArgumentList.Add(a);
        if (threadCounts is not null)
        {
            psi.ArgumentList.Add("--threads-list");
            psi.ArgumentList.Add(string.Join(',', threadCounts));
        }
        Console.Error.WriteLine($"setting {s.Name}: child process");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the child process");
        process.WaitForExit();
        Console.Error.WriteLine($"setting {s.Name}: {clock.Elapsed.TotalSeconds:F0} s");
        if (process.ExitCode != 0 || !File.Exists(resultPath))
        {
            Console.Error.WriteLine($"steps: the child for '{s.Name}' failed (exit code {process.ExitCode})");
            return null;
        }
        var result = JsonSerializer.Deserialize<SettingResult>(File.ReadAllText(resultPath), StepChild.Json);
        File.Delete(resultPath);
        return result;
    }
}
