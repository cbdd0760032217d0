using MannRl.Data;
using MannRl.Data.Logic;
using MannRl.Evaluation;

namespace MannRl.Tests.Evaluation;

public sealed class FrequencyBaselineTests
{
    [Fact]
    public void EachInputGetsItsMostFrequentTargetAndUnseenInputsTheOverallOne()
    {
        // input 0 -> target 1 twice, 2 once; input 1 -> target 2; overall 2 is most frequent (3 of 5)
        Sequence[] train = [Sequence.OneHot([0, 0, 1], [1, 2, 2]), Sequence.OneHot([0, 1], [1, 2])];
        var b = FrequencyBaseline.Train(train, Scoring.EveryStep, inputDim: 3, targetDim: 3);
        var probe = Sequence.OneHot([0, 1, 2], [0, 0, 0]);
        Assert.Equal([1, 2, 2], Enumerable.Range(0, 3).Select(t => b.Predict(probe, t)));
        Assert.Equal(2, b.DefaultTarget);
        Assert.Equal(2, b.InputCount);
    }

    [Fact]
    public void TiesGoToTheTargetSeenFirst()
    {
        Sequence[] train = [Sequence.OneHot([0, 0, 0, 0], [2, 1, 1, 2])];
        var b = FrequencyBaseline.Train(train, Scoring.EveryStep, 1, 3);
        Assert.Equal(2, b.Predict(train[0], 0));
    }

    [Fact]
    public void DenseInputsAreComparedAsVectors()
    {
        var train = new[] { Sequence.Dense([1f, 0f, 0.5f, 0.5f, 1f, 0f], 2, [3, 1, 3]) };
        var b = FrequencyBaseline.Train(train, Scoring.EveryStep, 2, 4);
        var probe = Sequence.Dense([0.5f, 0.5f, 1f, 0f, 9f, 9f], 2, [0, 0, 0]);
        Assert.Equal([1, 3, 3], Enumerable.Range(0, 3).Select(t => b.Predict(probe, t)));
    }

    [Fact]
    public void OnlyTheScoredStepsTrainAndCount()
    {
        // blank = 0: the presentation steps (target 0) neither train the baseline nor count in its metrics
        Sequence[] train = [Sequence.OneHot([2, 3, 1, 0, 0], [0, 0, 0, 2, 3]), Sequence.OneHot([2, 1, 0], [0, 0, 2])];
        var b = FrequencyBaseline.Train(train, Scoring.RecallPhase(0), 4, 4);
        Assert.Equal(1, b.InputCount);                     // only input 0 (the blank) occurs on recall steps
        Assert.Equal(2, b.Predict(train[0], 0));           // input 2 never seen on a scored step: the overall 2
        var r = b.Evaluate(train, Scoring.RecallPhase(0));
        Assert.Equal(3, r.Metrics.Total);
        Assert.Equal(2, r.Metrics.Correct);
        Assert.Equal(0.5, r.AnswerAccuracy);
    }

    [Fact]
    public void OnLogicTheAnswersAreAboutACoinFlip()
    {
        var data = LogicTask.ToDataset(LogicTask.Generate(3));
        var b = FrequencyBaseline.Train(data);
        var r = b.Evaluate(data.Validation, data.Scoring);
        Assert.InRange(r.AnswerAccuracy!.Value, 0.4, 0.6);
        Assert.InRange(r.Metrics.Accuracy, 0.6, 0.9);   // the operator letters and operands are predictable from the input
    }
}
