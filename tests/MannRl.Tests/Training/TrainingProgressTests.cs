using MannRl.Engine;
using MannRl.Training;

namespace MannRl.Tests.Training;

public sealed class TrainingProgressTests
{
    [Fact]
    public void ProgressFollowsTheRunToItsEnd()
    {
        var data = TrainerTests.SmallLogic(120, 20);
        var c = TrainerTests.LogicConfig(epochs: 3, evalInterval: 2);
        c.Validate();
        var trainer = new Trainer(c, data, new RecordingSink(), Compute.SingleThread);
        Assert.Equal(0, trainer.Progress.Fraction);
        Assert.True(double.IsNaN(trainer.Progress.LastValidationF1));
        var summary = trainer.Train();
        var p = trainer.Progress;
        Assert.Equal((3, 3), (p.Epoch, p.Epochs));
        Assert.Equal(data.Train.Sum(s => (long)s.Length), p.EpochSymbols);
        // The batcher stops a pass when fewer than two slots are left, so the last sequence's tail is not trained.
        Assert.InRange(p.EpochSymbolsDone, p.EpochSymbols * 99 / 100, p.EpochSymbols);
        Assert.InRange(p.Fraction, 0.99, 1.0);
        Assert.Equal(trainer.Steps, p.Steps);
        Assert.Equal(3, p.LastEvaluatedEpoch); // epochs 1 and 3 are evaluated (0-based 0 and 2)
        Assert.Equal(summary.LastValidation!.Metrics.WeightedF1, p.LastValidationF1);
        Assert.False(p.Evaluating);
        Assert.True(double.IsFinite(p.LastActionLoss) && double.IsFinite(p.LastMemoryLoss));
    }
}
