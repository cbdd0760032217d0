using MannRl.Engine.Parallel;

namespace MannRl.Tests.Engine.Parallel;

/// <summary>Reading the CPUs' use from <c>/proc/stat</c> and <c>/proc/self/stat</c> text.</summary>
public sealed class CpuIdlenessTests
{
    private const string Before = """
        cpu  300 10 100 5000 20 0 5 7 0 0
        cpu0 100 5 50 2500 10 0 2 3 0 0
        cpu1 200 5 50 2500 10 0 3 4 0 0
        intr 12345 0 0
        ctxt 999
        """;

    // cpu1 busy for the whole 100 ticks (one user process), cpu0 idle; cpu10 absent.
    private const string After = """
        cpu  400 10 100 5100 20 0 5 7 0 0
        cpu0 100 5 50 2600 10 0 2 3 0 0
        cpu1 300 5 50 2500 10 0 3 4 0 0
        intr 12345 0 0
        """;

    [Fact]
    public void SumsTheChosenCpusOnly()
    {
        Assert.Equal((100 + 5 + 50 + 2 + 3, 100 + 5 + 50 + 2500 + 10 + 2 + 3), CpuIdleness.CpuTicks(Before, [0])!.Value);
        var both = CpuIdleness.CpuTicks(Before, [0, 1])!.Value;
        Assert.Equal(160 + 262, both.Busy);
        Assert.Null(CpuIdleness.CpuTicks(Before, [0, 10]));
    }

    [Fact]
    public void AnotherProcessOnOneCpuIsOneCpuOfOtherWork()
    {
        var before = CpuIdleness.CpuTicks(Before, [0, 1])!.Value;
        var after = CpuIdleness.CpuTicks(After, [0, 1])!.Value;
        Assert.Equal(1.0, CpuIdleness.OtherCpus(before, after, selfTicks: 0, cpuCount: 2), 6);
        // The same busy ticks spent by this process are no other work.
        Assert.Equal(0.0, CpuIdleness.OtherCpus(before, after, selfTicks: 100, cpuCount: 2), 6);
        Assert.Equal(0.0, CpuIdleness.OtherCpus(before, before, selfTicks: 0, cpuCount: 2), 6);
    }

    [Fact]
    public void OwnTicksAreCountedAfterTheCommandName()
    {
        // Field 2 may hold spaces and parentheses; utime and stime are fields 14 and 15.
        const string stat = "4242 (my (odd) name) R 1 2 3 4 5 6 7 8 9 10 31 17 0 0 20 0 9 0 100 200 300";
        Assert.Equal(48, CpuIdleness.SelfTicks(stat));
    }

    [Fact]
    public void TheMachinesOwnFilesAreReadable()
    {
        if (!OperatingSystem.IsLinux()) return;
        var cpus = CpuAffinity.AllowedCpus();
        double? others = CpuIdleness.OtherWork(cpus, TimeSpan.FromMilliseconds(20));
        Assert.NotNull(others);
        Assert.InRange(others!.Value, 0, cpus.Length);
    }
}
