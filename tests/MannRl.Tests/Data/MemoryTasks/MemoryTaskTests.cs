using MannRl.Config;
using MannRl.Data;
using MannRl.Data.MemoryTasks;

namespace MannRl.Tests.Data.MemoryTasks;

public sealed class MemoryTaskTests
{
    private static ExperimentConfig Config(string task) => new()
    {
        Dataset = task,
        TaskAlphabet = 6,
        TaskLengths = new IntRange(2, 4),
        TaskEvalLengths = new IntRange(5, 6),
        TaskRepeats = new IntRange(1, 2),
        TaskEvalRepeats = new IntRange(3, 4),
        TaskTrainSize = 300,
        TaskEvalSize = 60,
        Seed = 9,
    };

    [Theory]
    [InlineData("copy")]
    [InlineData("repeat-copy")]
    [InlineData("associative-recall")]
    public void TheConfigGeneratesThreeSplitsWithTheirLengthRanges(string task)
    {
        var log = new List<string>();
        SequenceDataset d = TaskLoader.Load(Config(task), "/nonexistent", log.Add);
        Assert.Equal(task, d.Name);
        Assert.Equal((300, 60, 60), (d.Train.Count, d.Validation.Count, d.Test.Count));
        Assert.Equal(MemoryTask.Alphabet(task, 6).Symbols, d.TargetSymbols);
        Assert.Equal(d.TargetSymbols, d.InputSymbols);
        Assert.Equal(d.TargetDim, d.InputDim);
        Assert.True(d.Scoring.RecallOnly);
        Assert.Contains(log, l => l.StartsWith($"{task}: generated 300 train"));
        Assert.Equal([2, 3, 4], d.Train.Concat(d.Validation).Select(d.Length.Of).Distinct().Order());
        Assert.Equal([5, 6], d.Test.Select(d.Length.Of).Distinct().Order());
    }

    [Fact]
    public void RepeatCopyTestsOtherRepeatCounts()
    {
        SequenceDataset d = TaskLoader.Load(Config("repeat-copy"), "/nonexistent", null);
        var alphabet = MemoryTask.Alphabet("repeat-copy", 6);
        int Repeats(Sequence s) => s.InputIds!.Select(id => alphabet[id]).First(char.IsDigit) - '0';
        Assert.Equal([1, 2], d.Train.Select(Repeats).Distinct().Order());
        Assert.Equal([3, 4], d.Test.Select(Repeats).Distinct().Order());
    }

    [Fact]
    public void TheSeedFixesTheDataAndDataSeedOverridesIt()
    {
        var c = Config("copy");
        SequenceDataset a = TaskLoader.Load(c, "", null), b = TaskLoader.Load(c, "", null);
        Assert.Equal(a.Train.Select(s => s.InputIds), b.Train.Select(s => s.InputIds));
        SequenceDataset other = TaskLoader.Load(c with { DataSeed = 10 }, "", null);
        Assert.NotEqual(a.Train.Select(s => s.InputIds), other.Train.Select(s => s.InputIds));
        Assert.NotEqual(a.Validation.Select(s => s.InputIds), a.Test.Select(s => s.InputIds));
    }

    [Fact]
    public void ValidationRefusesMorePairsThanSymbols()
    {
        var c = Config("associative-recall") with { TaskEvalLengths = new IntRange(5, 7) };
        var e = Assert.Throws<ConfigException>(c.Validate);
        Assert.Contains("task_eval_lengths", e.Message);
        Assert.Contains("at most task_alphabet (6) pairs", e.Message);
        (Config("copy") with { TaskEvalLengths = new IntRange(5, 7) }).Validate();   // copy has no such limit
    }

    [Theory]
    [InlineData("task_alphabet: 30", "task_alphabet")]
    [InlineData("task_lengths: [3, 2]", "task_lengths")]
    [InlineData("task_repeats: [1, 10]", "task_repeats")]
    [InlineData("logic_operands: [0, 5]", "logic_operands")]
    [InlineData("task_lengths: [3]", "expected [min, max]")]
    public void BadTaskKeysNameTheKey(string line, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("dataset: copy\n" + line, "t.yaml").Config.Validate());
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void RangesRoundTripThroughTheWrittenConfig()
    {
        var c = ConfigLoader.Parse("dataset: repeat-copy\ntask_lengths: [2, 9]\nlogic_operands: [21, 40]\ndata_seed: 5", "t.yaml").Config;
        Assert.Equal(new IntRange(2, 9), c.TaskLengths);
        string yaml = ConfigWriter.ToYaml(c);
        Assert.Contains("task_lengths: [2, 9]", yaml);
        Assert.Equal(c with { Source = "x" }, ConfigLoader.Parse(yaml, "back").Config with { Source = "x" });
    }
}
