using System.Text.Json;
using MannRl.Engine;

namespace MannRl.Tests.Engine.Parity;

/// <summary>BatchNorm1d against <c>fixtures/batchnorm.json</c>: train mode, running statistics, eval mode.</summary>
public class BatchNormParityTests
{
    private static readonly JsonElement Root = Fixture.Load("batchnorm");

    private static BatchNorm1d Fresh()
    {
        var bn = new BatchNorm1d(Root.GetProperty("features").GetInt32(), Root.Float("eps"), Root.Float("momentum"));
        bn.Weight.Load(Root.Tensor("weight").Data);
        bn.Bias.Load(Root.Tensor("bias").Data);
        return bn;
    }

    [Fact]
    public void StartsWithZeroMeanUnitVariance()
    {
        var bn = new BatchNorm1d(3);
        Assert.All(bn.RunningMean, v => Assert.Equal(0f, v));
        Assert.All(bn.RunningVar, v => Assert.Equal(1f, v));
        Assert.Equal(new[] { bn.Weight, bn.Bias }, bn.Parameters);
    }

    [Fact]
    public void TrainModeMatchesPyTorch()
    {
        var t = Root.GetProperty("train");
        var bn = Fresh();
        var x = t.Tensor("x");
        var ctx = bn.CreateContext(x.Rows, Compute.SingleThread);

        var y = bn.Forward(x.ToMatrix(), ctx, training: true);
        Close.Assert(t.Tensor("y"), y, "y");
        Close.Assert(t.Tensor("running_mean").Data, bn.RunningMean, "running_mean");
        Close.Assert(t.Tensor("running_var").Data, bn.RunningVar, "running_var");

        bn.ZeroGrad();
        var dx = bn.Backward(t.Tensor("dy").ToMatrix(), ctx);
        Close.Assert(t.Tensor("dx"), dx, "dx");
        Close.Assert(t.Tensor("dweight").Data, bn.Weight.Gradient, "dweight");
        Close.Assert(t.Tensor("dbias").Data, bn.Bias.Gradient, "dbias");
    }

    [Fact]
    public void RunningStatisticsFollowBatchesOfDifferentSizes()
    {
        var r = Root.GetProperty("running");
        var batches = r.GetProperty("batches").EnumerateArray().Select(b => b.AsTensor()).ToList();
        var after = r.GetProperty("after").EnumerateArray().ToList();
        var bn = Fresh();
        var ctx = bn.CreateContext(batches.Max(b => b.Rows), Compute.SingleThread);
        for (int i = 0; i < batches.Count; i++)
        {
            bn.Forward(batches[i].ToMatrix(), ctx, training: true);
            Close.Assert(after[i].Tensor("running_mean").Data, bn.RunningMean, $"running_mean after batch {i} ({batches[i].Rows} rows)");
            Close.Assert(after[i].Tensor("running_var").Data, bn.RunningVar, $"running_var after batch {i} ({batches[i].Rows} rows)");
        }
    }

    [Fact]
    public void EvalModeUsesRunningStatistics()
    {
        var r = Root.GetProperty("running");
        var bn = Fresh();
        var ctx = bn.CreateContext(5, Compute.SingleThread);
        foreach (var b in r.GetProperty("batches").EnumerateArray()) bn.Forward(b.AsTensor().ToMatrix(), ctx, training: true);
        var meanBefore = bn.RunningMean.ToArray();
        var varBefore = bn.RunningVar.ToArray();

        var e = Root.GetProperty("eval");
        var y = bn.Forward(e.Tensor("x").ToMatrix(), ctx, training: false);
        Close.Assert(e.Tensor("y"), y, "y");
        Assert.Equal(meanBefore, bn.RunningMean);
        Assert.Equal(varBefore, bn.RunningVar);

        bn.ZeroGrad();
        var dx = bn.Backward(e.Tensor("dy").ToMatrix(), ctx);
        Close.Assert(e.Tensor("dx"), dx, "dx");
        Close.Assert(e.Tensor("dweight").Data, bn.Weight.Gradient, "dweight");
        Close.Assert(e.Tensor("dbias").Data, bn.Bias.Gradient, "dbias");
    }
}
