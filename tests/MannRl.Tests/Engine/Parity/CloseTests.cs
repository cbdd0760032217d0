namespace MannRl.Tests.Engine.Parity;

/// <summary>The parity tolerance must accept float32 rounding and reject real errors.</summary>
public class CloseTests
{
    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(0.0, 9e-6)]          // absolute
    [InlineData(1000.0, 1000.09)]    // relative
    [InlineData(-0.3, -0.300001)]
    public void AcceptsRounding(double expected, double actual) => Assert.True(Close.IsClose(expected, actual));

    [Theory]
    [InlineData(1.0, 1.001)]
    [InlineData(0.0, 2e-5)]
    [InlineData(0.5, -0.5)]
    [InlineData(1000.0, 1000.2)]
    [InlineData(1.0, double.NaN)]
    public void RejectsErrors(double expected, double actual) => Assert.False(Close.IsClose(expected, actual));

    [Fact]
    public void SpanFormReportsLengthAndValues()
    {
        Assert.ThrowsAny<Exception>(() => Close.Assert(new float[] { 1, 2 }, new float[] { 1 }, "len"));
        Assert.ThrowsAny<Exception>(() => Close.Assert(new float[] { 1, 2 }, new float[] { 1, 2.01f }, "val"));
        Close.Assert(new float[] { 1, 2 }, new float[] { 1, 2.00001f }, "ok");
    }
}
