using System.Text.Json;
using MannRl.Engine;

namespace MannRl.Tests.Engine.Parity;

/// <summary>Adam, SGD, RMSprop, gradient clipping and MultiStepLR against <c>fixtures/optimizers.json</c>.</summary>
public class OptimizerParityTests
{
    private static readonly JsonElement Root = Fixture.Load("optimizers");

    private static Optimizer Create(JsonElement o, IReadOnlyList<Parameter> ps) => o.GetProperty("name").GetString() switch
    {
        "adam" => new Adam(ps, o.Float("lr"), o.Float("beta1"), o.Float("beta2"), o.Float("eps")),
        "sgd" => new Sgd(ps, o.Float("lr")),
        "rmsprop" => new RmsProp(ps, o.Float("lr"), o.Float("alpha"), o.Float("eps")),
        var n => throw new ArgumentException($"unknown optimizer {n}"),
    };

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    [InlineData("rmsprop")]
    public void FiveStepsMatchPyTorch(string name)
    {
        var problem = Root.GetProperty("problem");
        var o = Root.Case("optimizers", name);
        var weight = new Parameter("weight", 3, 4);
        var bias = new Parameter("bias", 3);
        weight.Load(problem.Tensor("weight").Data);
        bias.Load(problem.Tensor("bias").Data);
        var opt = Create(o, [weight, bias]);

        int step = 0;
        foreach (var s in o.GetProperty("steps").EnumerateArray())
        {
            step++;
            opt.ZeroGrad();
            Assert.All(weight.Grad.Take(weight.Length), g => Assert.Equal(0f, g));
            var grads = s.GetProperty("grads");
            grads.Tensor("weight").Data.CopyTo(weight.Gradient);
            grads.Tensor("bias").Data.CopyTo(bias.Gradient);
            int version = weight.Version;
            opt.Step();
            Assert.NotEqual(version, weight.Version); // layers caching derived copies must see the change
            var p = s.GetProperty("params");
            Close.Assert(p.Tensor("weight").Data, weight.Values, $"{name} weight after step {step}");
            Close.Assert(p.Tensor("bias").Data, bias.Values, $"{name} bias after step {step}");
        }
    }

    [Theory]
    [InlineData("clipped")]
    [InlineData("unclipped")]
    [InlineData("barely_clipped")]
    public void ClipGradNormMatchesPyTorch(string name)
    {
        var c = Root.Case("clip_grad_norm", name);
        var grads = c.GetProperty("grads").EnumerateArray().Select(g => g.AsTensor()).ToList();
        var clipped = c.GetProperty("clipped").EnumerateArray().Select(g => g.AsTensor()).ToList();
        var ps = grads.Select((g, i) => new Parameter($"p{i}", g.Shape)).ToList();
        for (int i = 0; i < ps.Count; i++) grads[i].Data.CopyTo(ps[i].Gradient);

        float total = GradClip.ClipGradNorm(ps, c.Float("max_norm"));

        Close.Assert(c.Float("total_norm"), total, "total norm");
        for (int i = 0; i < ps.Count; i++) Close.Assert(clipped[i].Data, ps[i].Gradient, $"clipped grad {i}");
    }

    [Theory]
    [InlineData("list")]
    [InlineData("single")]
    public void MultiStepLRMatchesPyTorch(string name)
    {
        var c = Root.Case("multistep_lr", name);
        var opt = new Sgd([new Parameter("p", 1)], c.Float("base_lr"));
        var sched = new MultiStepLR(opt, c.Ints("milestones"), c.Float("gamma"));
        Close.Assert(c.Float("base_lr"), opt.LearningRate, "lr before any step");
        int epoch = 0;
        foreach (var lr in c.GetProperty("lrs").EnumerateArray())
        {
            epoch++;
            sched.Step();
            Close.Assert(lr.GetSingle(), opt.LearningRate, $"lr after {epoch} scheduler steps");
        }
    }
}
