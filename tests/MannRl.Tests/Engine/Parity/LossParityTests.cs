using System.Text.Json;
using MannRl.Engine;

namespace MannRl.Tests.Engine.Parity;

/// <summary>CrossEntropy (on logits and on Softmax probabilities) and SmoothL1 against <c>fixtures/losses.json</c>.</summary>
public class LossParityTests
{
    private static readonly JsonElement Root = Fixture.Load("losses");

    [Fact]
    public void CrossEntropyOnLogitsMatchesPyTorch()
    {
        var c = Root.GetProperty("cross_entropy_logits");
        var input = c.Tensor("input");
        var rowLosses = new float[input.Rows];
        var grad = new Matrix(input.Rows, input.Cols);

        float mean = CrossEntropyLoss.Compute(input.ToMatrix(), c.Ints("targets"), rowLosses, grad);

        Close.Assert(c.Tensor("row_losses").Data, rowLosses, "row losses");
        Close.Assert(c.Float("mean"), mean, "mean");
        Close.Assert(c.Tensor("grad_input"), grad, "grad input");
    }

    [Fact]
    public void CrossEntropyWithoutGradientStillGivesLosses()
    {
        var c = Root.GetProperty("cross_entropy_logits");
        var input = c.Tensor("input");
        var rowLosses = new float[input.Rows];
        float mean = CrossEntropyLoss.Compute(input.ToMatrix(), c.Ints("targets"), rowLosses, null);
        Close.Assert(c.Tensor("row_losses").Data, rowLosses, "row losses");
        Close.Assert(c.Float("mean"), mean, "mean");
    }

    [Fact]
    public void CrossEntropyOnSoftmaxProbabilitiesMatchesPyTorch()
    {
        var c = Root.GetProperty("cross_entropy_probs");
        var logits = c.Tensor("logits");
        var softmax = new Softmax(logits.Cols);
        var ctx = softmax.CreateContext(logits.Rows, Compute.SingleThread);
        var p = softmax.Forward(logits.ToMatrix(), ctx, training: true);
        Close.Assert(c.Tensor("input"), p, "softmax probabilities");

        var rowLosses = new float[logits.Rows];
        var gradP = new Matrix(logits.Rows, logits.Cols);
        float mean = CrossEntropyLoss.Compute(p, c.Ints("targets"), rowLosses, gradP);
        Close.Assert(c.Tensor("row_losses").Data, rowLosses, "row losses");
        Close.Assert(c.Float("mean"), mean, "mean");
        Close.Assert(c.Tensor("grad_input"), gradP, "grad wrt probabilities");

        var gradZ = softmax.Backward(gradP, ctx);
        Close.Assert(c.Tensor("grad_logits"), gradZ, "grad wrt logits");
    }

    [Fact]
    public void SmoothL1MatchesPyTorch()
    {
        var c = Root.GetProperty("smooth_l1");
        var input = c.Tensor("input");
        var gradInput = new Matrix(input.Rows, input.Cols);
        var gradTarget = new Matrix(input.Rows, input.Cols);

        float loss = SmoothL1Loss.Compute(input.ToMatrix(), c.Tensor("target").ToMatrix(), gradInput, gradTarget);

        Close.Assert(c.Float("loss"), loss, "loss");
        Close.Assert(c.Tensor("grad_input"), gradInput, "grad input");
        Close.Assert(c.Tensor("grad_target"), gradTarget, "grad target");
        Close.Assert(c.Float("loss"), SmoothL1Loss.Compute(input.ToMatrix(), c.Tensor("target").ToMatrix(), null, null), "loss without grads");
    }
}
