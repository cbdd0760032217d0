using MannRl.Data;
using MannRl.Evaluation;

namespace MannRl.Tests.Evaluation;

public sealed class ScoreCounterTests
{
    // Classes: 0 = blank, 1..3 = data symbols.
    private static void AddSequence(ScoreCounter score, int slot, int[] targets, int[] predictions, int? group = null)
    {
        for (int t = 0; t < targets.Length; t++) score.Add(slot, t, targets[t], predictions[t], t == targets.Length - 1, group);
    }

    [Fact]
    public void TheRecallPhaseAloneCountsAndTheAnswerIsAnExactMatch()
    {
        var score = new ScoreCounter(4, Scoring.RecallPhase(0), slots: 1);
        // presentation steps (target 0) predicted wrong do not count
        AddSequence(score, 0, [0, 0, 0, 1, 2], [3, 3, 3, 1, 2]);   // recall right: exact match
        AddSequence(score, 0, [0, 0, 0, 3, 1], [0, 0, 0, 3, 2]);   // one recall step wrong
        var r = score.Result();
        Assert.Equal(4, r.Metrics.Total);
        Assert.Equal(3, r.Metrics.Correct);
        Assert.Equal(0.75, r.Metrics.Accuracy);
        Assert.Equal(0.5, r.AnswerAccuracy);
        Assert.Equal(2, r.Sequences);
        Assert.Equal(0, r.Counts.TruthCount(0));
    }

    [Fact]
    public void LogicCountsEveryStepAndAnswersWithTheLastOne()
    {
        var score = new ScoreCounter(4, Scoring.LastStepAnswer, slots: 1);
        AddSequence(score, 0, [0, 1, 2], [1, 1, 2]);   // last right
        AddSequence(score, 0, [0, 1, 2], [0, 1, 3]);   // last wrong
        var r = score.Result();
        Assert.Equal(6, r.Metrics.Total);
        Assert.Equal(4, r.Metrics.Correct);
        Assert.Equal(0.5, r.AnswerAccuracy);
    }

    [Fact]
    public void EveryStepHasNoAnswer()
    {
        var score = new ScoreCounter(4, Scoring.EveryStep, slots: 1);
        AddSequence(score, 0, [0, 1], [0, 1]);
        Assert.Null(score.Result().AnswerAccuracy);
        Assert.Equal(2, score.Result().Metrics.Total);
    }

    [Fact]
    public void InterleavedSlotsKeepTheirOwnAnswers()
    {
        var score = new ScoreCounter(4, Scoring.RecallPhase(0), slots: 2);
        score.Add(0, 0, 0, 0, false);
        score.Add(1, 0, 0, 0, false);
        score.Add(0, 1, 1, 2, true);    // slot 0 wrong
        score.Add(1, 1, 1, 1, false);
        score.Add(1, 2, 2, 2, true);    // slot 1 right
        Assert.Equal(0.5, score.Result().AnswerAccuracy);
    }

    [Fact]
    public void GroupsSplitTheSameFigures()
    {
        var score = new ScoreCounter(4, Scoring.RecallPhase(0), slots: 1);
        AddSequence(score, 0, [0, 1], [0, 1], group: 1);
        AddSequence(score, 0, [0, 0, 1, 2], [0, 0, 1, 1], group: 2);
        AddSequence(score, 0, [0, 0, 3, 3], [0, 0, 3, 3], group: 2);
        var r = score.Result();
        Assert.NotNull(r.Groups);
        Assert.Equal([1, 2], r.Groups.Keys);
        Assert.Equal(1.0, r.Groups[1].AnswerAccuracy);
        Assert.Equal(0.5, r.Groups[2].AnswerAccuracy);
        Assert.Equal(2, r.Groups[2].Sequences);
        Assert.Equal(r.Metrics.Total, r.Groups.Values.Sum(g => g.Metrics.Total));
        Assert.Equal(2.0 / 3, r.AnswerAccuracy);
    }

    [Fact]
    public void LengthBinsNameRangesOfTheirWidth()
    {
        var five = new LengthBins(5);
        Assert.Equal([1, 1, 6, 16, 21], new[] { 1, 5, 6, 20, 21 }.Select(five.BinOf));
        Assert.Equal("16-20", five.Name(16));
        Assert.Equal(20, five.End(16));
        Assert.Equal(1, LengthBins.For([2, 3, 13]).Width);
        Assert.Equal(5, LengthBins.For([2, 20]).Width);
        Assert.Equal("7", new LengthBins(1).Name(7));
    }
}
