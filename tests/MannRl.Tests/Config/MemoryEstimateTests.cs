using MannRl.Config;

namespace MannRl.Tests.Config;

public class MemoryEstimateTests
{
    private const long GiB = 1L << 30;

    private static ExperimentConfig Shipped(string name) => ConfigLoader.BuiltIn(name).Config;

    [Theory]
    [InlineData("logic/logic_m_best")]
    [InlineData("logic/logic_lstm")]
    [InlineData("pos/udpos_m_best")]
    [InlineData("pos/udpos_tuned")]
    [InlineData("mt/sentences_m_best")]
    [InlineData("mt/sentences_parallel_8192")]
    [InlineData("tasks/copy_m")]
    [InlineData("tasks/associative_recall_lstm")]
    public void ShippedConfigsFitInFourGiB(string name)
    {
        var estimate = MemoryEstimate.Of(Shipped(name));
        Assert.InRange(estimate.TotalBytes, 64L << 20, 4 * GiB);
        estimate.EnsureFits(name, 4 * GiB);
    }

    [Fact]
    public void PartsAddUpAndAreLargestFirst()
    {
        var estimate = MemoryEstimate.Of(Shipped("logic/logic_m_best"), 11, 11);
        Assert.Equal(estimate.Parts.Sum(p => p.Bytes), estimate.TotalBytes);
        Assert.Equal(estimate.Parts.OrderByDescending(p => p.Bytes).Select(p => p.Name), estimate.Parts.Select(p => p.Name));
        Assert.Contains(estimate.Parts, p => p.Name == "replay history");
        Assert.StartsWith("about ", estimate.ToString());
    }

    [Fact]
    public void ReplayHistoryGrowsWithHistoryAndBatch()
    {
        var c = Shipped("logic/logic_m_best");
        long Replay(ExperimentConfig x) => MemoryEstimate.Of(x, 11, 11).Parts.Single(p => p.Name == "replay history").Bytes;
        long one = Replay(c);
        Assert.InRange(Replay(c with { History = c.History * 10 }), 9 * one, 11 * one);
        Assert.InRange(Replay(c with { BatchSize = c.BatchSize * 4 }), 3 * one, 5 * one);
    }

    [Fact]
    public void AHugeHistoryIsRefusedNamingTheFigureAndTheKey()
    {
        var c = Shipped("logic/logic_m_best") with { History = 1_000_000 };
        var e = Assert.Throws<ConfigException>(() => MemoryEstimate.Of(c).EnsureFits("c.yaml", 1 * GiB));
        Assert.Contains("needs about", e.Message);
        Assert.Contains("GiB", e.Message);
        Assert.Contains("replay history", e.Message);
        Assert.Contains("lower history", e.Message);
    }

    [Fact]
    public void AnArrayOverDotNetsLimitIsRefusedWhateverTheMemory()
    {
        var c = Shipped("logic/logic_m_best") with { MemoryDim = 200_000 };
        var e = Assert.Throws<ConfigException>(() => MemoryEstimate.Of(c).EnsureFits("c.yaml", long.MaxValue));
        Assert.Contains("limit", e.Message);
        Assert.Contains("memory_dim", e.Message);
    }

    [Fact]
    public void ExtremeValuesSaturateInsteadOfOverflowing()
    {
        var c = Shipped("logic/logic_m_best") with { MemoryDim = int.MaxValue, History = int.MaxValue, BatchSize = int.MaxValue };
        var estimate = MemoryEstimate.Of(c);
        Assert.Equal(long.MaxValue, estimate.TotalBytes);
        Assert.True(estimate.SchedulerRequestMiB() > long.MaxValue >> 20, $"{estimate.SchedulerRequestMiB()} MiB");
        Assert.Throws<ConfigException>(() => estimate.EnsureFits("c.yaml"));
    }

    [Fact]
    public void EvaluationGrowsWithTheBatchSize()
    {
        var c = Shipped("logic/logic_m_best");
        long small = MemoryEstimate.ForEvaluation(c, 11, 11, 1).TotalBytes;
        long large = MemoryEstimate.ForEvaluation(c, 11, 11, 1_000_000).TotalBytes;
        Assert.True(large > small + (100L << 20), $"{large} vs {small}");
        Assert.Throws<ConfigException>(() => MemoryEstimate.ForEvaluation(c, 11, 11, 1_000_000).EnsureFits("--batch-size", 256L << 20));
    }

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(3 << 20, "3.0 MiB")]
    [InlineData(1536L << 20, "1.5 GiB")]
    public void BytesAreWrittenInTheirUnit(long bytes, string text) => Assert.Equal(text, MemoryEstimate.Bytes(bytes));

    [Fact]
    public void AvailableMemoryIsPositive() => Assert.True(MemoryEstimate.AvailableBytes > 0);
}
