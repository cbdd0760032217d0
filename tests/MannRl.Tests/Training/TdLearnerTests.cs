using MannRl.Engine;
using MannRl.Models;
using MannRl.Tests.Engine.Parity;
using MannRl.Training;

namespace MannRl.Tests.Training;

/// <summary>The memory-net's TD step against the numbers PyTorch computed (tools/parity/fixtures/td_step.json).</summary>
public class TdLearnerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TdStepMatchesPyTorch(bool detached)
    {
        var f = Fixture.Load("td_step");
        var cfg = f.GetProperty("config");
        var c = f.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("detach_target").GetBoolean() == detached);
        var net = new DenseMemoryNet(new MemoryNetOptions { InputDim = 3, MemoryDim = 4 }, new Rng(1));
        var prm = f.GetProperty("params");
        Load(net, prm);
        var optimizer = new RmsProp(net.Parameters, cfg.Float("rmsprop_lr"), cfg.Float("rmsprop_alpha"), cfg.Float("rmsprop_eps"));
        var learner = new TdLearner(net, optimizer, 6, new TdSettings(
            cfg.Float("mem_gamma"), cfg.Float("mem_l1"), cfg.Float("mem_dampen_losses"), cfg.Float("mem_clamp"), cfg.Float("mem_clipping"), detached), Compute.SingleThread);

        var tr = new Transitions(6, 3, 4, 1);
        var data = f;
        tr.Input.CopyFrom(data.Tensor("in_t").ToMatrix());
        tr.Memory.CopyFrom(data.Tensor("m_t").ToMatrix());
        tr.NextInput.CopyFrom(data.Tensor("in_t1").ToMatrix());
        tr.NextMemory.CopyFrom(data.Tensor("m_t1").ToMatrix());
        data.Tensor("losses_t1").Data.CopyTo(tr.NextLoss, 0);

        float loss = learner.Update(tr);

        Close.Assert(c.Tensor("l_after_clamp").Data, tr.NextLoss.AsSpan(0, 6), "shaped reward l");
        Close.Assert(c.Tensor("expected"), learner.Expected, "expected");
        Close.Assert(c.Float("loss"), loss, "loss");
        var grads = c.GetProperty("clipped_grads");
        var after = c.GetProperty("params_after");
        foreach (var (name, p) in net.Tensors.NamedParameters)
        {
            string key = name.Replace("norm.", "bn.");
            Close.Assert(grads.Tensor(key).Data, p.Gradient, $"{name} gradient");
            // The Linear bias feeds a training-mode BatchNorm, so its true gradient is 0 and both engines hold
            // rounding noise (~1e-9); RMSprop divides by sqrt(g²) and turns that noise into a step of up to
            // lr/sqrt(1-alpha) either way. Only that bound can be compared.
            if (name == "linear.bias")
            {
                var before = prm.Tensor(key).Data;
                for (int j = 0; j < before.Length; j++)
                    Assert.InRange(p.Values[j] - before[j], -0.0101f, 0.0101f);
                continue;
            }
            Close.Assert(after.Tensor(key).Data, p.Values, $"{name} after RMSprop");
        }
        Close.Assert(c.Tensor("running_mean").Data, net.Tensors.Norms[0].Norm.RunningMean, "running mean");
        Close.Assert(c.Tensor("running_var").Data, net.Tensors.Norms[0].Norm.RunningVar, "running var");
    }

    [Fact]
    public void NStepTargetIsTheDiscountedShapedLossesAndGammaToTheNTimesThePolicy()
    {
        const int rows = 2, n = 3;
        const double gamma = 0.9, dampen = 2;
        var net = new DenseMemoryNet(new MemoryNetOptions { InputDim = 1, MemoryDim = 2 }, new Rng(3));
        var learner = new TdLearner(net, new RmsProp(net.Parameters, 1e-5f), rows, new TdSettings(gamma, null, dampen, 0, null, DetachedTarget: true), Compute.SingleThread);
        var tr = new Transitions(rows, 1, 2, 1, steps: n);
        tr.SetRows(rows);
        float[] inputs = [0.5f, -1f], nextInputs = [1f, 0.25f];
        for (int r = 0; r < rows; r++)
        {
            tr.Input[r, 0] = inputs[r]; tr.NextInput[r, 0] = nextInputs[r];
            tr.Memory.Row(r).Fill(0.1f * (r + 1)); tr.NextMemory.Row(r).Fill(0.3f * (r + 1));
        }
        float[] losses = [1f, 0f, 2f, 0.5f, 3f, 0.25f];
        losses.CopyTo(tr.StepLosses, 0);
        // The policy the learner sees: f at t+n in training mode (batch statistics), computed before the update.
        var copy = new DenseMemoryNet(new MemoryNetOptions { InputDim = 1, MemoryDim = 2 }, new Rng(3));
        var policy = copy.Forward(tr.NextInput, tr.NextAction, tr.NextMemory, copy.CreateContext(rows, Compute.SingleThread), training: true);

        learner.Update(tr);

        for (int r = 0; r < rows; r++)
        {
            double l = 0;
            for (int k = 0; k < n; k++) l += Math.Pow(gamma, k) * dampen * Math.Log(1 + losses[r * n + k]);
            Assert.Equal(l, tr.NextLoss[r], 4);
            for (int j = 0; j < 2; j++)
                Assert.Equal(Math.Pow(gamma, n) * policy[r, j] - l, learner.Expected[r, j], 4);
        }
    }

    [Fact]
    public void MeanBaselineCentresTheShapedRewardsBeforeTheTarget()
    {
        const int rows = 3;
        const double gamma = 0.99, dampen = 3;
        var net = new DenseMemoryNet(new MemoryNetOptions { InputDim = 1, MemoryDim = 2 }, new Rng(4));
        var learner = new TdLearner(net, new RmsProp(net.Parameters, 1e-5f), rows, new TdSettings(gamma, null, dampen, 0, null, DetachedTarget: false, CenteredRewards: true), Compute.SingleThread);
        var tr = new Transitions(rows, 1, 2, 1);
        tr.SetRows(rows);
        for (int r = 0; r < rows; r++)
        {
            tr.Input[r, 0] = r; tr.NextInput[r, 0] = 2 - r;
            tr.Memory.Row(r).Fill(0.2f * r); tr.NextMemory.Row(r).Fill(0.5f - 0.1f * r);
        }
        float[] losses = [1.6f, 2.5f, 1.55f];
        losses.CopyTo(tr.NextLoss, 0);
        var copy = new DenseMemoryNet(new MemoryNetOptions { InputDim = 1, MemoryDim = 2 }, new Rng(4));
        var policy = copy.Forward(tr.NextInput, tr.NextAction, tr.NextMemory, copy.CreateContext(rows, Compute.SingleThread), training: true);

        learner.Update(tr);

        double[] shaped = losses.Select(l => dampen * Math.Log(1 + l)).ToArray();
        double mean = shaped.Average();
        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(shaped[r] - mean, tr.NextLoss[r], 4);
            for (int j = 0; j < 2; j++) Assert.Equal(gamma * policy[r, j] - (shaped[r] - mean), learner.Expected[r, j], 4);
        }
    }

    private static void Load(DenseMemoryNet net, System.Text.Json.JsonElement prm)
    {
        foreach (var (name, p) in net.Tensors.NamedParameters)
            p.Load(prm.Tensor(name.Replace("norm.", "bn.")).Data);
    }

}
