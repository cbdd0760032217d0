using MannRl.Engine;
using MannRl.Engine.Kernels;

namespace MannRl.Tests.Engine.Kernels;

/// <summary>One-hot rows take Linear's row-lookup path; it must compute what the product computes.</summary>
public class LinearOneHotTests
{
    [Theory]
    [InlineData(40, 7, 5)]
    [InlineData(171, 96, 16)]
    public void LookupEqualsTheProduct(int inF, int outF, int rows)
    {
        Assert.True(inF >= LinearForward.OneHotMinFeatures);
        var rng = new Rng(9);
        var lin = new Linear(inF, outF, rng);
        var x = new Matrix(rows, inF);
        var ids = Enumerable.Range(0, rows).Select(r => (r * 7 + 3) % inF).ToArray();
        for (int r = 0; r < rows; r++) x[r, ids[r]] = 1f;
        var dy = new Matrix(rows, outF);
        for (int r = 0; r < rows; r++) foreach (ref float v in dy.Row(r)) v = rng.Uniform(-1, 1);

        var ctx = lin.CreateContext(rows, Compute.SingleThread);
        var y = lin.Forward(x, ctx, training: true);
        lin.Backward(dy, ctx);

        var w = lin.Weight.Values.ToArray();
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < outF; o++)
                Assert.Equal(w[o * inF + ids[r]] + lin.Bias.Values[o], y[r, o], 6);
        var dw = lin.Weight.Gradient.ToArray();
        for (int o = 0; o < outF; o++)
            for (int i = 0; i < inF; i++)
            {
                double expected = 0;
                for (int r = 0; r < rows; r++) expected += dy[r, o] * x[r, i];
                Assert.Equal(expected, dw[o * inF + i], 5);
            }
    }

    [Fact]
    public void ARowThatIsNotOneHotUsesTheProduct()
    {
        var lin = new Linear(32, 3, new Rng(1));
        var x = new Matrix(2, 32);
        x[0, 4] = 1f;
        x[1, 4] = 1f;
        x[1, 9] = 0.5f; // two non-zeros
        var y = lin.Forward(x, lin.CreateContext(2, Compute.SingleThread), training: false);
        var w = lin.Weight.Values.ToArray();
        for (int o = 0; o < 3; o++)
            Assert.Equal(w[o * 32 + 4] + 0.5f * w[o * 32 + 9] + lin.Bias.Values[o], y[1, o], 5);
    }
}
