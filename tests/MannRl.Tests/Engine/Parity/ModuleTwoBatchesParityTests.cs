using System.Text.Json;
using MannRl.Engine;

namespace MannRl.Tests.Engine.Parity;

/// <summary>
/// The memory-net's TD-loss pattern against <c>fixtures/module_two_batches.json</c>: one Sequential, two train-mode
/// forwards (two contexts) before one backward, the loss comparing out1 with gamma * out2 - c, the gradient
/// flowing through both branches (or only the first when the target is detached).
/// </summary>
public class ModuleTwoBatchesParityTests
{
    private static readonly JsonElement Root = Fixture.Load("module_two_batches");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientsAndRunningStatsMatchPyTorch(bool detach)
    {
        var c = Root.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("detach_target").GetBoolean() == detach);
        var bn = new BatchNorm1d(4);
        var net = new Sequential(new Linear(6, 4, new Rng(1)), bn, new Sigmoid(4));
        var init = Root.NamedTensors("params");
        Assert.Equal(init.Count, net.Parameters.Count);
        for (int i = 0; i < init.Count; i++) net.Parameters[i].Load(init[i].Tensor.Data);

        var x1 = Root.Tensor("x1");
        var x2 = Root.Tensor("x2");
        var cRow = Root.Tensor("c").Data; // (rows, 1)
        float gamma = Root.Float("gamma");
        var ctx1 = net.CreateContext(x1.Rows, Compute.SingleThread);
        var ctx2 = net.CreateContext(x2.Rows, Compute.SingleThread);

        var out1 = net.Forward(x1.ToMatrix(), ctx1, training: true);
        var out2 = net.Forward(x2.ToMatrix(), ctx2, training: true);
        Close.Assert(c.Tensor("out1"), out1, "out1");
        Close.Assert(c.Tensor("out2"), out2, "out2");

        var target = new Matrix(out2.Rows, out2.Cols);
        for (int r = 0; r < target.Rows; r++)
            for (int j = 0; j < target.Cols; j++) target[r, j] = gamma * out2[r, j] - cRow[r];
        Close.Assert(c.Tensor("target"), target, "target");

        var gOut1 = new Matrix(out1.Rows, out1.Cols);
        var gTarget = new Matrix(out1.Rows, out1.Cols);
        net.ZeroGrad();
        float loss = SmoothL1Loss.Compute(out1, target, gOut1, detach ? null : gTarget);
        Close.Assert(c.Float("loss"), loss, "loss");

        var dx1 = net.Backward(gOut1, ctx1).ToArray();
        var dx2 = new float[x2.Data.Length];
        if (!detach)
        {
            for (int r = 0; r < gTarget.Rows; r++)
                for (int j = 0; j < gTarget.Cols; j++) gTarget[r, j] *= gamma;
            dx2 = net.Backward(gTarget, ctx2).ToArray();
        }
        Close.Assert(c.Tensor("dx1").Data, dx1, "dx1");
        Close.Assert(c.Tensor("dx2").Data, dx2, "dx2");

        var grads = c.NamedTensors("grads");
        for (int i = 0; i < grads.Count; i++)
            Close.Assert(grads[i].Tensor.Data, net.Parameters[i].Gradient, $"grad {grads[i].Name}");
        Close.Assert(c.Tensor("running_mean").Data, bn.RunningMean, "running_mean");
        Close.Assert(c.Tensor("running_var").Data, bn.RunningVar, "running_var");
    }
}
