using MannRl.Config;
using MannRl.Data;
using MannRl.Data.Copy;
using MannRl.Engine;

namespace MannRl.Tests.Data.Copy;

public sealed class CopyGeneratorTests
{
    [Fact]
    public void BuildPresentsTheSymbolsThenRecallsThemOnBlankInputs()
    {
        SymbolExample e = CopyGenerator.Build("cab");
        Assert.Equal("cab=---", e.Inputs);
        Assert.Equal("----cab", e.Targets);
    }

    [Fact]
    public void SequencesHaveTheirShapeAndLengthsStayInTheRange()
    {
        var generator = new CopyGenerator(new Rng(3), alphabetSize: 5);
        var seen = new HashSet<int>();
        for (int i = 0; i < 400; i++)
        {
            SymbolExample e = generator.Next(new IntRange(2, 6));
            int l = (e.Inputs.Length - 1) / 2;
            seen.Add(l);
            Assert.Equal(2 * l + 1, e.Inputs.Length);
            Assert.Equal(e.Inputs.Length, e.Targets.Length);
            string symbols = e.Inputs[..l];
            Assert.All(symbols, c => Assert.InRange(c, 'a', 'e'));
            Assert.Equal(CopyGenerator.Build(symbols), e);
        }
        Assert.Equal([2, 3, 4, 5, 6], seen.Order());
    }

    [Fact]
    public void TheSameSeedGivesTheSameSequencesAndAnotherSeedOthers()
    {
        static string[] Draw(ulong seed)
        {
            var g = new CopyGenerator(new Rng(seed), 8);
            return Enumerable.Range(0, 50).Select(_ => g.Next(new IntRange(1, 10)).Inputs).ToArray();
        }
        Assert.Equal(Draw(7), Draw(7));
        Assert.NotEqual(Draw(7), Draw(8));
    }

    [Fact]
    public void TheAlphabetIsBlankDelimiterThenTheDataSymbolsAndLengthCountsThem()
    {
        SymbolAlphabet a = CopyGenerator.Alphabet(4);
        Assert.Equal("-=abcd", a.Characters);
        Sequence s = CopyGenerator.Build("dab").ToSequence(a);
        Assert.Equal(3, CopyGenerator.Length(4).Of(s));
        Assert.Equal("symbols", CopyGenerator.Length(4).Unit);
    }
}
