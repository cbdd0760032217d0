using MannRl.Engine;

namespace MannRl.Tests.Engine.Parity;

/// <summary>ReLU, SiLU, Tanh, Sigmoid and Softmax (over features) against <c>fixtures/activations.json</c>.</summary>
public class ActivationParityTests
{
    private static readonly System.Text.Json.JsonElement Root = Fixture.Load("activations");

    internal static Module Create(string name, int features) => name switch
    {
        "relu" => new ReLU(features),
        "silu" => new SiLU(features),
        "tanh" => new Tanh(features),
        "sigmoid" => new Sigmoid(features),
        "softmax" => new Softmax(features),
        _ => throw new ArgumentException($"unknown activation {name}"),
    };

    [Theory]
    [InlineData("relu")]
    [InlineData("silu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("softmax")]
    public void ForwardAndBackwardMatchPyTorch(string name)
    {
        var c = Root.Case("cases", name);
        var x = c.Tensor("x");
        var act = Create(name, x.Cols);
        Assert.Empty(act.Parameters);
        var ctx = act.CreateContext(x.Rows, Compute.SingleThread);

        var y = act.Forward(x.ToMatrix(), ctx, training: true);
        Close.Assert(c.Tensor("y"), y, $"{name} y");
        var dx = act.Backward(c.Tensor("dy").ToMatrix(), ctx);
        Close.Assert(c.Tensor("dx"), dx, $"{name} dx");

        // Eval mode computes the same function.
        var ctxEval = act.CreateContext(x.Rows, Compute.SingleThread);
        Close.Assert(c.Tensor("y"), act.Forward(x.ToMatrix(), ctxEval, training: false), $"{name} y (eval)");
    }
}
