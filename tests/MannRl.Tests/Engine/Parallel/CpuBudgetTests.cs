using MannRl.Engine.Parallel;

namespace MannRl.Tests.Engine.Parallel;

/// <summary>The default thread count: the CPUs the process may use, no more than a Slurm task was given.</summary>
public sealed class CpuBudgetTests
{
    [Theory]
    [InlineData(8, null, 8)]
    [InlineData(8, "2", 2)]
    [InlineData(2, "16", 2)] // the task's binding already shows in the processor count
    [InlineData(8, "0", 8)] // not a CPU count: ignored
    [InlineData(8, "-3", 8)]
    [InlineData(8, "2(x3)", 8)]
    [InlineData(8, "", 8)]
    [InlineData(0, null, 1)]
    public void SlurmLowersTheProcessorCount(int processorCount, string? slurm, int expected) =>
        Assert.Equal(expected, CpuBudget.For(processorCount, slurm));
}
