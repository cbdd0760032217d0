using MannRl.Sweeps;

namespace MannRl.Tests.Sweeps;

public sealed class SampleSummaryTests
{
    [Fact]
    public void SummarisesWithTheSampleDeviationAndStudentsInterval()
    {
        // numpy: mean 0.9, std(ddof=1) 0.1; scipy t.ppf(0.975, 2) = 4.302652729911275
        var s = SampleSummary.Of([0.8, 0.9, 1.0]);
        Assert.Equal(3, s.N);
        Assert.Equal(0.9, s.Mean, 12);
        Assert.Equal(0.1, s.Std!.Value, 12);
        Assert.Equal(0.8, s.Min);
        Assert.Equal(1.0, s.Max);
        double half = 4.302652729911275 * 0.1 / Math.Sqrt(3);
        Assert.Equal(0.9 - half, s.Ci95Low!.Value, 6);
        Assert.Equal(0.9 + half, s.Ci95High!.Value, 6);
    }

    [Fact]
    public void OneValueHasNoDeviationNorInterval()
    {
        var s = SampleSummary.Of([0.5]);
        Assert.Equal((1, 0.5, 0.5, 0.5), (s.N, s.Mean, s.Min, s.Max));
        Assert.Null(s.Std);
        Assert.Null(s.Ci95Low);
    }

    [Theory]
    [InlineData(1, 12.7062047)]
    [InlineData(4, 2.77644511)]
    [InlineData(30, 2.04227246)]
    [InlineData(31, 2.03951345)]
    [InlineData(60, 2.00029782)]
    [InlineData(1000, 1.96233908)]
    public void TQuantileMatchesTheTables(int df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile975(df), 4);
}
