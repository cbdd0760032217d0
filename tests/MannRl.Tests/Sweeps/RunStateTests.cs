using MannRl.Sweeps;

namespace MannRl.Tests.Sweeps;

public sealed class RunStateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-runstate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly SweepRun Run = new(3, "history=6", 1, [], "history: 6\n");

    private static RunRecord Record(RunState state) => new(state, DateTimeOffset.Now, null, 2.5, state == RunState.Failed ? "error line" : null, "host", 42, null);

    [Fact]
    public void ALockIsHeldUntilDisposedAndExcludesOthers()
    {
        var store = new RunStateStore(_dir);
        Assert.False(store.IsLocked(3));
        using (var held = store.TryLock(3, TimeSpan.Zero))
        {
            Assert.NotNull(held);
            Assert.True(store.IsLocked(3));
            Assert.Null(store.TryLock(3, TimeSpan.FromMilliseconds(100)));
        }
        Assert.False(store.IsLocked(3));
    }

    [Fact]
    public void RecordsRoundTrip()
    {
        var store = new RunStateStore(_dir);
        Assert.Null(store.Read(0));
        var record = Record(RunState.Failed) with { SlurmJob = "12_0" };
        store.Write(0, record);
        Assert.Equal(record, store.Read(0));
    }

    [Theory]
    [InlineData(null, false, null, RunState.Pending)]
    [InlineData(null, true, null, RunState.Running)]
    [InlineData(null, false, "PENDING", RunState.Queued)]
    [InlineData(null, false, "RUNNING", RunState.Running)]
    [InlineData(null, false, "COMPLETED", RunState.Pending)]
    [InlineData(RunState.Running, true, null, RunState.Running)]
    [InlineData(RunState.Running, false, null, RunState.Interrupted)]
    [InlineData(RunState.Running, false, "TIMEOUT", RunState.Interrupted)]
    [InlineData(RunState.Running, false, "PENDING", RunState.Queued)]
    [InlineData(RunState.Running, false, "RUNNING", RunState.Running)]
    [InlineData(RunState.Done, false, null, RunState.Done)]
    [InlineData(RunState.Failed, false, null, RunState.Failed)]
    [InlineData(RunState.Failed, false, "PENDING", RunState.Queued)]
    public void TheStateCombinesRecordLockAndSlurm(RunState? recorded, bool locked, string? slurm, RunState expected)
    {
        var status = RunStatus.Of(Run, recorded is { } r ? Record(r) : null, locked, slurm is null ? null : new SlurmTaskState("12_3", slurm, "Resources"));
        Assert.Equal(expected, status.State);
        if (expected == RunState.Failed) Assert.Equal("error line", status.Detail);
        if (slurm == "TIMEOUT") Assert.Contains("TIMEOUT", status.Detail);
    }
}
