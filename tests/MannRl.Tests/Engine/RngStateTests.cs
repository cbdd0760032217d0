using MannRl.Engine;

namespace MannRl.Tests.Engine;

/// <summary>A generator's state saved and set again continues the same stream.</summary>
public sealed class RngStateTests
{
    [Fact]
    public void AStateSetOnAnotherGeneratorContinuesTheSameStream()
    {
        var a = new Rng(13);
        for (int i = 0; i < 5; i++) a.NextUInt64();
        var state = a.GetState();
        var expected = Enumerable.Range(0, 10).Select(_ => a.NextUInt64()).ToArray();

        var b = new Rng(99);
        b.SetState(state);
        Assert.Equal(expected, Enumerable.Range(0, 10).Select(_ => b.NextUInt64()).ToArray());
    }

    [Fact]
    public void AnInvalidStateIsRefused()
    {
        var rng = new Rng(1);
        Assert.Throws<ArgumentException>(() => rng.SetState([1, 2, 3]));
        Assert.Throws<ArgumentException>(() => rng.SetState([0, 0, 0, 0]));
    }
}
