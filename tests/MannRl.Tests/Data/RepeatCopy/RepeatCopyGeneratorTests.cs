using MannRl.Config;
using MannRl.Data;
using MannRl.Data.RepeatCopy;
using MannRl.Engine;

namespace MannRl.Tests.Data.RepeatCopy;

public sealed class RepeatCopyGeneratorTests
{
    [Fact]
    public void BuildGivesTheCountAfterTheSymbolsThenRepeatsThemAndEnds()
    {
        SymbolExample e = RepeatCopyGenerator.Build("ab", 3);
        Assert.Equal("ab3-------", e.Inputs);
        Assert.Equal("---ababab|", e.Targets);
    }

    [Fact]
    public void LengthsAndRepeatsStayInTheirRanges()
    {
        var generator = new RepeatCopyGenerator(new Rng(11), alphabetSize: 6);
        var lengths = new HashSet<int>();
        var repeats = new HashSet<int>();
        for (int i = 0; i < 500; i++)
        {
            SymbolExample e = generator.Next(new IntRange(1, 4), new IntRange(2, 5));
            int count = e.Inputs.IndexOfAny("123456789".ToCharArray());
            int r = e.Inputs[count] - '0';
            lengths.Add(count);
            repeats.Add(r);
            Assert.Equal(count + 1 + count * r + 1, e.Inputs.Length);
            Assert.Equal(RepeatCopyGenerator.Build(e.Inputs[..count], r), e);
        }
        Assert.Equal([1, 2, 3, 4], lengths.Order());
        Assert.Equal([2, 3, 4, 5], repeats.Order());
    }

    [Fact]
    public void TheSameSeedGivesTheSameSequences()
    {
        static string[] Draw(ulong seed)
        {
            var g = new RepeatCopyGenerator(new Rng(seed), 8);
            return Enumerable.Range(0, 50).Select(_ => g.Next(new IntRange(1, 5), new IntRange(1, 3)).Targets).ToArray();
        }
        Assert.Equal(Draw(1), Draw(1));
        Assert.NotEqual(Draw(1), Draw(2));
    }

    [Fact]
    public void RepeatsOutsideOneToNineAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RepeatCopyGenerator.Build("ab", 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RepeatCopyGenerator.Build("ab", 0));
    }

    [Fact]
    public void LengthCountsTheSymbolsNotTheRepeats()
    {
        SymbolAlphabet a = RepeatCopyGenerator.Alphabet(3);
        Assert.Equal("-|123456789abc", a.Characters);
        Assert.Equal(2, RepeatCopyGenerator.Length(3).Of(RepeatCopyGenerator.Build("ca", 4).ToSequence(a)));
    }
}
