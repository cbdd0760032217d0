using MannRl.Config;
using MannRl.Sweeps;

namespace MannRl.Tests.Sweeps;

/// <summary>One run in process, with a stand-in trainer (the real one runs in the CLI tests).</summary>
public sealed class SweepRunExecutorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-executor-").FullName;

    public SweepRunExecutorTests()
    {
        var runs = SweepExpansion.Expand(SweepFile.Parse("seeds: [1, 2]\nset: {epochs: 3}\n", "/tmp/s.yaml", "/tmp")).Runs;
        SweepPlan.Make(null, runs, "/tmp/s.yaml", Path.Combine(_dir, "data")).Manifest.Save(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private readonly List<(ulong Seed, int Epochs, string RunDir)> _trained = [];

    private void Train(ExperimentConfig c, string runDir, string dataDir)
    {
        Assert.False(Directory.Exists(runDir) && Directory.EnumerateFileSystemEntries(runDir).Any(), "a run starts in an absent or empty directory");
        Assert.Equal(Path.Combine(_dir, "data"), dataDir);
        Directory.CreateDirectory(runDir);
        File.WriteAllText(Path.Combine(runDir, "metrics.csv"), "epoch,split,weighted_f1,elapsed_seconds\n");
        _trained.Add((c.Seed, c.Epochs, runDir));
    }

    [Fact]
    public void TrainsTheRunOfTheIndexAndRecordsItDone()
    {
        Assert.Equal(RunOutcome.Trained, SweepRunExecutor.Execute(_dir, 1, Train));
        var (seed, epochs, runDir) = Assert.Single(_trained);
        Assert.Equal((2UL, 3), (seed, epochs));
        Assert.Equal(Path.Combine(_dir, "runs", "logic_m_best", "seed=2"), runDir);
        var record = new RunStateStore(_dir).Read(1)!;
        Assert.Equal(RunState.Done, record.State);
        Assert.Equal(Environment.ProcessId, record.ProcessId);
        Assert.NotNull(record.Seconds);
        Assert.Equal(RunOutcome.AlreadyDone, SweepRunExecutor.Execute(_dir, 1, Train));
        Assert.Single(_trained);
    }

    [Fact]
    public void AFailureIsRecordedWithItsLineAndRethrown()
    {
        var e = Assert.Throws<InvalidDataException>(() => SweepRunExecutor.Execute(_dir, 0, (_, _, _) => throw new InvalidDataException("bad data here\nsecond line")));
        Assert.StartsWith("bad data here", e.Message);
        var record = new RunStateStore(_dir).Read(0)!;
        Assert.Equal(RunState.Failed, record.State);
        Assert.Equal("bad data here", record.Error);
    }

    [Fact]
    public void AnInterruptedRunStartsOverInAnEmptyDirectory()
    {
        var store = new RunStateStore(_dir);
        string runDir = Path.Combine(_dir, "runs", "logic_m_best", "seed=1");
        Directory.CreateDirectory(runDir);
        File.WriteAllText(Path.Combine(runDir, "metrics.csv"), "half");
        store.Write(0, new RunRecord(RunState.Running, DateTimeOffset.Now, null, null, null, "host", 1, null));
        Assert.Equal(RunState.Interrupted, RunStatus.ReadAll(_dir, SweepManifest.Load(_dir))[0].State);
        Assert.Equal(RunOutcome.Trained, SweepRunExecutor.Execute(_dir, 0, Train));
        Assert.Equal(RunState.Done, store.Read(0)!.State);
        Assert.Single(_trained);
    }

    [Fact]
    public void AnAttemptStoppedBeforeItMadeItsRunDirectoryIsSaidAndTheRunStarts()
    {
        var store = new RunStateStore(_dir);
        store.Write(0, new RunRecord(RunState.Running, DateTimeOffset.Now, null, null, null, "host", 1, null));
        var said = new List<string>();
        Assert.Equal(RunOutcome.Trained, SweepRunExecutor.Execute(_dir, 0, Train, say: said.Add));
        Assert.Contains(said, line => line.Contains("stopped before it made", StringComparison.Ordinal));
        Assert.Single(_trained);

        said.Clear();
        Assert.Equal(RunOutcome.Trained, SweepRunExecutor.Execute(_dir, 1, Train, say: said.Add)); // never attempted
        Assert.DoesNotContain(said, line => line.Contains("earlier attempt", StringComparison.Ordinal));
    }

    [Fact]
    public void ARunAnotherProcessHoldsIsRefused()
    {
        using var held = new RunStateStore(_dir).TryLock(0, TimeSpan.Zero);
        var e = Assert.Throws<SweepException>(() => SweepRunExecutor.Execute(_dir, 0, Train));
        Assert.Contains("another process", e.Message);
        Assert.Empty(_trained);
    }

    [Fact]
    public void AnIndexOutOfRangeNamesTheRange()
    {
        var e = Assert.Throws<SweepException>(() => SweepRunExecutor.Execute(_dir, 2, Train));
        Assert.Contains("0..1", e.Message);
    }
}
