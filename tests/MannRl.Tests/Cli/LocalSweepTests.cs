using System.Diagnostics;
using MannRl.Sweeps;

namespace MannRl.Tests.Cli;

/// <summary>
/// <c>mannrl sweep</c> with the local backend end to end: 4 tiny logic runs (2 settings x 2 seeds, 2 epochs), then the
/// same sweep killed midway and run again, which resumes the interrupted runs and must give the same report.
/// </summary>
public sealed class LocalSweepTests : IClassFixture<LocalSweepTests.FinishedSweep>
{
    private readonly FinishedSweep _sweep;

    public LocalSweepTests(FinishedSweep sweep) => _sweep = sweep;

    public const string TinySweep = """
        base: logic/logic_m_best
        seeds: [1, 2]
        set: {epochs: 2, memory_dim: 16, history: 6, settle: 2, eval_interval: 1, eval_batch_size: 64, mem_num_samples: 4,
              train_eval_truncate_size: 500}
        grid:
          use_swish: [true, false]
        """;

    /// <summary>The tiny sweep run once without interruption.</summary>
    public sealed class FinishedSweep : IDisposable
    {
        public FinishedSweep()
        {
            Root = Directory.CreateTempSubdirectory("mannrl-sweep-").FullName;
            File.WriteAllText(Path.Combine(Root, "tiny.yaml"), TinySweep);
            Result = CliRunner.Run(Root, "sweep", "tiny.yaml", "whole", "--data-dir", "data", "--jobs", "2", "--threads", "1");
        }

        public string Root { get; }
        public string OutDir => Path.Combine(Root, "whole");
        public CliRunner.Result Result { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    [Fact]
    public void ASweepRunsEveryRunAndWritesTheReport()
    {
        Assert.True(_sweep.Result.ExitCode == 0, _sweep.Result.Err + _sweep.Result.Out);
        Assert.Contains("new sweep: 4 runs", _sweep.Result.Out);
        Assert.Contains("done use_swish=false/seed=2", _sweep.Result.Out);
        Assert.DoesNotContain("\u001b[", _sweep.Result.Out); // plain lines into a pipe
        foreach (string run in new[] { "use_swish=true/seed=1", "use_swish=true/seed=2", "use_swish=false/seed=1", "use_swish=false/seed=2" })
            Assert.Equal(5, File.ReadAllLines(Path.Combine(_sweep.OutDir, "runs", run, "metrics.csv")).Length);
        var summary = File.ReadAllText(Path.Combine(_sweep.OutDir, "report", "summary.md"));
        Assert.Contains("| use_swish=true | 2/2 | 0.", summary);
        Assert.Contains("| use_swish=false | 2/2 | 0.", summary);

        var status = CliRunner.Run(_sweep.Root, "sweep", "status", "whole");
        Assert.True(status.ExitCode == 0, status.Err);
        Assert.Contains("4 runs: 4 done", status.Out);

        var report = CliRunner.Run(_sweep.Root, "report", "whole");
        Assert.True(report.ExitCode == 0, report.Err);
        Assert.Contains("| use_swish=true | 2/2 |", report.Out);
    }

    [Fact]
    public void RunningTheSameSweepAgainSkipsTheDoneRuns()
    {
        Assert.True(_sweep.Result.ExitCode == 0, _sweep.Result.Err);
        var again = CliRunner.Run(_sweep.Root, "sweep", "tiny.yaml", "whole", "--data-dir", "data", "--jobs", "2", "--threads", "1");
        Assert.True(again.ExitCode == 0, again.Err + again.Out);
        Assert.Contains("same sweep: 4 runs", again.Out);
        Assert.Contains("4 done (skipped)", again.Out);
        Assert.DoesNotContain("started", again.Out);
    }

    [Fact]
    public void ASweepKilledMidwayFinishesWhenRunAgainWithTheSameReport()
    {
        Assert.True(_sweep.Result.ExitCode == 0, _sweep.Result.Err);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _sweep.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { CliRunner.CliDll, "sweep", "tiny.yaml", "killed", "--data-dir", "data", "--jobs", "2", "--threads", "1" })
            start.ArgumentList.Add(a);
        string outDir = Path.Combine(_sweep.Root, "killed");
        var store = new RunStateStore(outDir);
        int done = 0, unfinished = 0;
        using (var sweep = Process.Start(start)!)
        {
            _ = sweep.StandardOutput.ReadToEndAsync();
            _ = sweep.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            // Kill the sweep and its runs when one run is done while another is training. A run seen training could
            // finish before a kill lands, so the sweep and its runs are stopped first and looked at again: the kill
            // comes only when the stopped processes still show a done run and a training one (its lock held).
            bool Ready() => Enumerable.Range(0, 4).Count(i => SafeRead(store, i)?.State == RunState.Done) >= 1
                && Enumerable.Range(0, 4).Any(i => SafeRead(store, i)?.State == RunState.Running && store.IsLocked(i));
            while (clock.Elapsed < TestTimeouts.Hang && !sweep.HasExited)
            {
                if (Ready())
                {
                    var stopped = ProcessTree.Stop(sweep.Id);
                    if (Ready()) break;
                    stopped.Continue();
                }
                Thread.Sleep(20);
            }
            done = Enumerable.Range(0, 4).Count(i => SafeRead(store, i)?.State == RunState.Done);
            sweep.Kill(entireProcessTree: true);
            sweep.WaitForExit();
        }
        // A killed run's process lets go of its lock as it dies: wait until no process holds a run.
        var settle = Stopwatch.StartNew();
        while (Enumerable.Range(0, 4).Any(store.IsLocked) && settle.Elapsed < TestTimeouts.Hang) Thread.Sleep(50);
        unfinished = Enumerable.Range(0, 4).Count(i => SafeRead(store, i)?.State != RunState.Done);
        Assert.True(done >= 1 && unfinished >= 1, $"the kill came when {done} runs were done and {unfinished} not");

        var status = CliRunner.Run(_sweep.Root, "sweep", "status", "killed");
        var unfinishedStates = status.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("/seed=", StringComparison.Ordinal))
            .Select(l => l.Split('\t')[2]).Where(state => state != "done").ToList();
        Assert.Equal(unfinished, unfinishedStates.Count);
        Assert.All(unfinishedStates, state => Assert.True(state is "interrupted" or "pending", status.Out));
        Assert.Contains("interrupted", unfinishedStates); // the run training at the kill: the re-run resumes it
        var interrupted = status.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("\tinterrupted\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t')[0]).ToList();

        var again = CliRunner.Run(_sweep.Root, "sweep", "tiny.yaml", "killed", "--data-dir", "data", "--jobs", "2", "--threads", "1");
        Assert.True(again.ExitCode == 0, again.Err + again.Out);
        Assert.Contains("same sweep: 4 runs", again.Out);
        Assert.Contains($"{4 - unfinished} done (skipped)", again.Out);
        Assert.Contains("sweep done: 4 runs", again.Out);
        Assert.Contains($"{interrupted.Count} interrupted (resuming)", again.Out);
        foreach (string index in interrupted)
        {
            string log = File.ReadAllText(Path.Combine(outDir, "logs", $"{index}.log"));
            Assert.True(log.Contains("resuming it from its last saved state", StringComparison.Ordinal)
                || log.Contains("before it started training; starting the run over", StringComparison.Ordinal)
                || log.Contains("stopped before it made", StringComparison.Ordinal), log);
        }

        Assert.Equal(WithoutTime(Path.Combine(_sweep.OutDir, "report", "summary.csv")), WithoutTime(Path.Combine(outDir, "report", "summary.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(_sweep.OutDir, "report", "curves.csv")), File.ReadAllText(Path.Combine(outDir, "report", "curves.csv")));
        Assert.Equal(MarkdownWithoutTime(Path.Combine(_sweep.OutDir, "report", "summary.md")), MarkdownWithoutTime(Path.Combine(outDir, "report", "summary.md")));
        foreach (string run in new[] { "use_swish=true/seed=1", "use_swish=false/seed=2" })
            Assert.Equal(MetricsWithoutTime(Path.Combine(_sweep.OutDir, "runs", run)), MetricsWithoutTime(Path.Combine(outDir, "runs", run)));
    }

    [Fact]
    public void AFailedRunIsReportedWithItsErrorLineAndTheSweepExitsWithFailure()
    {
        string dir = Path.Combine(_sweep.Root, "failing");
        Directory.CreateDirectory(dir);
        // The data directory has no UD English EWT: the POS run fails when it loads its data.
        File.WriteAllText(Path.Combine(dir, "bad.yaml"), "seeds: [1]\nsettings: [{name: pos, base: pos/udpos_tuned}]\n");
        var r = CliRunner.Run(dir, "sweep", "bad.yaml", "out", "--data-dir", Path.Combine(_sweep.Root, "data"), "--jobs", "1", "--threads", "1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("1 run(s) failed", r.Err);
        var status = CliRunner.Run(dir, "sweep", "status", "out");
        Assert.Contains("failed", status.Out);
        Assert.Contains("UD English EWT file not found", status.Out);
        Assert.Contains("error: UD English EWT file not found", File.ReadAllText(Path.Combine(dir, "out", "logs", "0.log")));
    }

    [Fact]
    public void UsageErrorsExitWithTwo()
    {
        string dir = Path.Combine(_sweep.Root, "usage");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), TinySweep);
        var tooMany = CliRunner.Run(dir, "sweep", "tiny.yaml", "out", "--data-dir", "data", "--jobs", "2", "--threads", (Environment.ProcessorCount + 1).ToString());
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains("exceeds the", tooMany.Err);
        var changed = CliRunner.Run(_sweep.Root, "sweep", "tiny.yaml", "whole", "--data-dir", "elsewhere");
        Assert.Equal(2, changed.ExitCode);
        Assert.Contains("--data-dir", changed.Err);
        var notSweep = CliRunner.Run(dir, "sweep", "status", ".");
        Assert.Equal(2, notSweep.ExitCode);
        Assert.Contains("holds no sweep", notSweep.Err);
        var index = CliRunner.Run(_sweep.Root, "sweep", "run", "whole", "--index", "9");
        Assert.Equal(2, index.ExitCode);
        Assert.Contains("0..3", index.Err);
    }

    private static RunRecord? SafeRead(RunStateStore store, int index)
    {
        try
        {
            return store.Read(index);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return null;
        }
    }

    private static string[] WithoutTime(string summaryCsv) =>
        File.ReadAllLines(summaryCsv).Where(l => !l.Contains(",elapsed_seconds,", StringComparison.Ordinal)).ToArray();

    /// <summary>The markdown without its time column (the last column of its first table).</summary>
    private static string[] MarkdownWithoutTime(string summaryMd)
    {
        var lines = File.ReadAllLines(summaryMd);
        int first = Array.FindIndex(lines, l => l.StartsWith('|'));
        for (int i = first; i < lines.Length && lines[i].StartsWith('|'); i++)
            lines[i] = lines[i][..lines[i].TrimEnd('|', ' ').LastIndexOf('|')];
        return lines;
    }

    private static string[] MetricsWithoutTime(string runDir) =>
        File.ReadAllLines(Path.Combine(runDir, "metrics.csv")).Select(l => l[..l.LastIndexOf(',')]).ToArray();
}
