using MannRl.Config;
using MannRl.Data;
using MannRl.Data.AssociativeRecall;
using MannRl.Engine;

namespace MannRl.Tests.Data.AssociativeRecall;

public sealed class AssociativeRecallGeneratorTests
{
    [Fact]
    public void BuildListsThePairsThenAsksForOneKey()
    {
        SymbolExample e = AssociativeRecallGenerator.Build("acb", "cad", 2);
        Assert.Equal("accabd?b", e.Inputs);
        Assert.Equal("-------d", e.Targets);
    }

    [Fact]
    public void KeysAreDistinctAndTheTargetIsTheQueriedKeysValue()
    {
        var generator = new AssociativeRecallGenerator(new Rng(5), alphabetSize: 6);
        var pairs = new HashSet<int>();
        for (int i = 0; i < 500; i++)
        {
            SymbolExample e = generator.Next(new IntRange(2, 6));
            int n = (e.Inputs.Length - 2) / 2;
            pairs.Add(n);
            string keys = new(Enumerable.Range(0, n).Select(j => e.Inputs[2 * j]).ToArray());
            Assert.Equal(n, keys.Distinct().Count());
            Assert.Equal('?', e.Inputs[^2]);
            int query = keys.IndexOf(e.Inputs[^1]);
            Assert.True(query >= 0, $"the query {e.Inputs[^1]} is one of the keys {keys}");
            Assert.Equal(e.Inputs[2 * query + 1], e.Targets[^1]);
            Assert.Equal(new string('-', e.Inputs.Length - 1), e.Targets[..^1]);
        }
        Assert.Equal([2, 3, 4, 5, 6], pairs.Order());
    }

    [Fact]
    public void MorePairsThanSymbolsAreRefused()
    {
        var generator = new AssociativeRecallGenerator(new Rng(5), alphabetSize: 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Next(5));
        Assert.Throws<ArgumentException>(() => AssociativeRecallGenerator.Build("aa", "bc", 0));
    }

    [Fact]
    public void TheSameSeedGivesTheSameSequences()
    {
        static string[] Draw(ulong seed)
        {
            var g = new AssociativeRecallGenerator(new Rng(seed), 8);
            return Enumerable.Range(0, 50).Select(_ => g.Next(new IntRange(2, 6)).Inputs).ToArray();
        }
        Assert.Equal(Draw(4), Draw(4));
        Assert.NotEqual(Draw(4), Draw(5));
    }

    [Fact]
    public void LengthCountsThePairs()
    {
        SymbolAlphabet a = AssociativeRecallGenerator.Alphabet(5);
        Assert.Equal("-?abcde", a.Characters);
        Assert.Equal(3, AssociativeRecallGenerator.Length(5).Of(AssociativeRecallGenerator.Build("eab", "aab", 1).ToSequence(a)));
    }
}
