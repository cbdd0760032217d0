using MannRl.Config;
using MannRl.Data;
using MannRl.Data.Logic;

namespace MannRl.Tests.Data;

public sealed class TrainingDataCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-data-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sequence Of(int length) => Sequence.OneHot(new int[length], new int[length]);

    private static SequenceDataset Data(int[] train, int validation = 3) =>
        new("logic", 11, Enumerable.Range(0, 11).Select(i => i.ToString()).ToArray(), train.Select(Of).ToArray(),
            Enumerable.Range(0, validation).Select(_ => Of(4)).ToArray());

    private static ExperimentConfig Logic() => ConfigLoader.BuiltIn("logic/logic_m_best").Config;

    [Theory]
    [InlineData(0, "0 sequences")]
    [InlineData(1, "1 sequence")]
    public void TooFewTrainingSequencesAreRefused(int count, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => TrainingDataCheck.Check(Logic(), Data(Enumerable.Repeat(30, count).ToArray()), null));
        Assert.Contains(expected, e.Message);
        Assert.Contains("at least 2", e.Message);
    }

    [Fact]
    public void TheLstmTrainsOnOneSequence() => TrainingDataCheck.Check(Logic() with { Model = "lstm" }, Data([30]), null);

    [Fact]
    public void AnEmptyValidationSplitIsRefused()
    {
        var e = Assert.Throws<InvalidDataException>(() => TrainingDataCheck.Check(Logic(), Data([30, 30], validation: 0), null));
        Assert.Contains("no validation sequences", e.Message);
    }

    [Fact]
    public void AnEpochTooShortForAMemoryTrainingIsAWarning()
    {
        var c = Logic() with { Settle = 8, History = 16 };
        var log = new List<string>();
        TrainingDataCheck.Check(c, Data([19, 40]), log.Add);
        var warning = Assert.Single(log);
        Assert.StartsWith("warning:", warning);
        Assert.Contains("about 19 steps", warning);
        Assert.Contains("never trains", warning);
        log.Clear();
        TrainingDataCheck.Check(c, Data([30, 40]), log.Add);
        Assert.Empty(log);
    }

    [Theory]
    [InlineData(new[] { 5 }, 16, 0)]
    [InlineData(new[] { 19, 40 }, 16, 19)]
    [InlineData(new[] { 3, 3, 3, 3 }, 2, 6)]
    [InlineData(new[] { 10, 1, 1, 1 }, 2, 3)]
    public void StreamingStepsFollowTheBatcher(int[] lengths, int batch, long steps) =>
        Assert.Equal(steps, TrainingDataCheck.StreamingSteps(lengths.Select(Of).ToArray(), batch));

    [Fact]
    public void AMissingDataDirectoryIsNotCreatedAndTheGenerationIsAWarning()
    {
        string missing = Path.Combine(_dir, "typo");
        var log = new List<string>();
        var data = LogicTask.Load(missing, 13, log.Add);
        Assert.False(Directory.Exists(missing));
        Assert.Equal(9_500, data.Train.Count);
        var warning = Assert.Single(log);
        Assert.StartsWith("warning:", warning);
        Assert.Contains("does not exist", warning);
        Assert.Contains(missing, warning);
    }
}
