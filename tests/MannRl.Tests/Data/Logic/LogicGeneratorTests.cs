using MannRl.Data.Logic;
using MannRl.Engine;

namespace MannRl.Tests.Data.Logic;

public class LogicGeneratorTests
{
    [Fact]
    public void AlphabetIsTheOriginalOrder()
    {
        Assert.Equal(["a", "n", "d", "o", "r", "x", "0", "1", "=", ".", "|"], LogicAlphabet.Symbols);
        Assert.Equal(11, LogicAlphabet.Count);
        Assert.Equal(10, LogicAlphabet.IdOf('|'));
        Assert.Equal(-1, LogicAlphabet.IdOf('q'));
        Assert.Throws<ArgumentException>(() => LogicAlphabet.Ids("aq"));
    }

    [Fact]
    public void TheSpecExampleIsWellFormed()
    {
        var e = new LogicExample("or10=|", ".or101");
        LogicRules.Check(e);
        Assert.Equal('1', e.Answer);
        var s = e.ToSequence();
        Assert.Equal([3, 4, 7, 6, 8, 10], s.InputIds!);
        Assert.Equal([9, 3, 4, 7, 6, 7], s.Targets);
    }

    [Fact]
    public void ManySeededSamplesFollowTheRules()
    {
        const int n = 30_000;
        var examples = new LogicGenerator(new Rng(7)).Generate(n);
        var kinds = new Dictionary<string, int> { ["and"] = 0, ["or"] = 0, ["xor"] = 0 };
        int andFalse = 0, orTrue = 0, minLength = int.MaxValue, maxLength = 0;
        long lengthSum = 0;
        var xorPairs = new Dictionary<string, int>();
        foreach (LogicExample e in examples)
        {
            var (op, operands) = LogicRules.Check(e);
            kinds[op]++;
            if (op == "xor") { xorPairs[operands] = xorPairs.GetValueOrDefault(operands) + 1; continue; }
            if (op == "and" && e.Answer == '0') andFalse++;
            if (op == "or" && e.Answer == '1') orTrue++;
            minLength = Math.Min(minLength, operands.Length);
            maxLength = Math.Max(maxLength, operands.Length);
            lengthSum += operands.Length;
        }
        // each share is 1/3 with a standard deviation of 0.0027 at n = 30,000: 0.02 is more than 7 of them
        foreach (var (op, count) in kinds) Assert.InRange(count / (double)n, 1 / 3.0 - 0.02, 1 / 3.0 + 0.02);
        Assert.InRange(andFalse / (double)kinds["and"], 0.47, 0.53);
        Assert.InRange(orTrue / (double)kinds["or"], 0.47, 0.53);
        Assert.Equal(4, xorPairs.Count);
        Assert.All(xorPairs.Values, c => Assert.InRange(c / (double)kinds["xor"], 0.22, 0.28));
        Assert.Equal((2, 20), (minLength, maxLength));
        Assert.InRange(lengthSum / (double)(kinds["and"] + kinds["or"]), 10.8, 11.2);   // uniform 2..20: mean 11
    }

    [Fact]
    public void FalseAndsAndTrueOrsFlipOneOperandAnywhere()
    {
        var generator = new LogicGenerator(new Rng(3));
        var zeroAt = new HashSet<int>();
        for (int i = 0; i < 5_000; i++)
        {
            LogicExample e = generator.And();
            string operands = e.Inputs[3..^2];
            if (e.Answer == '0' && operands.Length == 20) zeroAt.Add(operands.IndexOf('0'));
        }
        Assert.Equal(20, zeroAt.Count);
    }

    [Fact]
    public void SameSeedSameData()
    {
        LogicSplits a = LogicTask.Generate(13), b = LogicTask.Generate(13), c = LogicTask.Generate(14);
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Validation, b.Validation);
        Assert.NotEqual(a.Train, c.Train);
    }

    [Fact]
    public void StandardSetSplits9500And500()
    {
        LogicSplits s = LogicTask.Generate(13);
        Assert.Equal(9_500, s.Train.Count);
        Assert.Equal(500, s.Validation.Count);
        Assert.All(s.Train.Concat(s.Validation), e => LogicRules.Check(e));
    }

    [Fact]
    public void SplitKeepsOrderAndRejectsEmptySplits()
    {
        var examples = new LogicGenerator(new Rng(1)).Generate(20);
        LogicSplits s = LogicGenerator.Split(examples, 0.1);
        Assert.Equal(examples.Take(18), s.Train);
        Assert.Equal(examples.Skip(18), s.Validation);
        Assert.Throws<ArgumentException>(() => LogicGenerator.Split(examples, 0.0));
    }
}
