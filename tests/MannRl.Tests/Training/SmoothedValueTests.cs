using MannRl.Training;

namespace MannRl.Tests.Training;

public class SmoothedValueTests
{
    [Fact]
    public void AveragesTheLastSevenValues()
    {
        var s = new SmoothedValue();
        Assert.Equal(7, s.Window);
        Assert.True(double.IsNaN(s.Mean));
        s.Add(1);
        Assert.Equal(1.0, s.Mean);
        s.Add(2);
        Assert.Equal(1.5, s.Mean);
        for (int v = 3; v <= 10; v++) s.Add(v);   // window now holds 4..10
        Assert.Equal(7, s.Count);
        Assert.Equal(7.0, s.Mean, 1e-12);
    }

    [Fact]
    public void WindowOfOneIsTheLastValue()
    {
        var s = new SmoothedValue(1);
        s.Add(0.25);
        s.Add(0.75);
        Assert.Equal(0.75, s.Mean);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmoothedValue(0));
    }
}
