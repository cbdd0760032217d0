using MannRl.Engine;

namespace MannRl.Tests.Engine.Parity;

/// <summary>Linear against <c>fixtures/linear.json</c>.</summary>
public class LinearParityTests
{
    private static readonly System.Text.Json.JsonElement Root = Fixture.Load("linear");

    [Theory]
    [InlineData("batch5")]
    [InlineData("batch1")]
    public void ForwardAndBackwardMatchPyTorch(string name)
    {
        var c = Root.Case("cases", name);
        var x = c.Tensor("x");
        var linear = new Linear(c.GetProperty("in_features").GetInt32(), c.GetProperty("out_features").GetInt32(), new Rng(1));
        linear.Weight.Load(c.Tensor("weight").Data);
        linear.Bias.Load(c.Tensor("bias").Data);
        var ctx = linear.CreateContext(x.Rows, Compute.SingleThread);

        var y = linear.Forward(x.ToMatrix(), ctx, training: true);
        Close.Assert(c.Tensor("y"), y, "y");

        linear.ZeroGrad();
        var dx = linear.Backward(c.Tensor("dy").ToMatrix(), ctx);
        Close.Assert(c.Tensor("dx"), dx, "dx");
        Close.Assert(c.Tensor("dweight").Data, linear.Weight.Gradient, "dweight");
        Close.Assert(c.Tensor("dbias").Data, linear.Bias.Gradient, "dbias");
    }

    [Fact]
    public void WorksOnAColumnViewAndAContextWithSpareRows()
    {
        // How the models feed cat(input, memory): a strided view of a wider matrix, in a context sized for a
        // larger batch (the batch shrinks at the end of an epoch).
        var c = Root.Case("cases", "batch5");
        var x = c.Tensor("x");
        var wide = new Matrix(x.Rows, x.Cols + 4);
        for (int r = 0; r < x.Rows; r++)
            for (int j = 0; j < wide.Cols; j++) wide[r, j] = j < 2 || j >= 2 + x.Cols ? 100f + j : x.Data[r * x.Cols + j - 2];
        var view = wide.Columns(2, x.Cols);
        var linear = new Linear(7, 3, new Rng(1));
        linear.Weight.Load(c.Tensor("weight").Data);
        linear.Bias.Load(c.Tensor("bias").Data);
        var ctx = linear.CreateContext(8, Compute.SingleThread);

        Close.Assert(c.Tensor("y"), linear.Forward(view, ctx, training: true), "y");
        linear.ZeroGrad();
        Close.Assert(c.Tensor("dx"), linear.Backward(c.Tensor("dy").ToMatrix(), ctx), "dx");
        Close.Assert(c.Tensor("dweight").Data, linear.Weight.Gradient, "dweight");
        Close.Assert(c.Tensor("dbias").Data, linear.Bias.Gradient, "dbias");
    }

    [Fact]
    public void BackwardAddsIntoParameterGradients()
    {
        var c = Root.Case("cases", "batch5");
        var x = c.Tensor("x");
        var linear = new Linear(7, 3, new Rng(1));
        linear.Weight.Load(c.Tensor("weight").Data);
        linear.Bias.Load(c.Tensor("bias").Data);
        var ctx = linear.CreateContext(x.Rows, Compute.SingleThread);
        linear.Weight.Gradient.Fill(1f);
        linear.Bias.Gradient.Fill(-2f);

        linear.Forward(x.ToMatrix(), ctx, training: true);
        linear.Backward(c.Tensor("dy").ToMatrix(), ctx);

        Close.Assert(c.Tensor("dweight").Data.Select(v => v + 1f).ToArray(), linear.Weight.Gradient, "dweight + 1");
        Close.Assert(c.Tensor("dbias").Data.Select(v => v - 2f).ToArray(), linear.Bias.Gradient, "dbias - 2");
    }

    [Fact]
    public void ParametersAreWeightThenBias()
    {
        var linear = new Linear(7, 3, new Rng(1));
        Assert.Equal(new[] { linear.Weight, linear.Bias }, linear.Parameters);
        Assert.Equal(new[] { 3, 7 }, linear.Weight.Shape);
        Assert.Equal(new[] { 3 }, linear.Bias.Shape);
    }
}
