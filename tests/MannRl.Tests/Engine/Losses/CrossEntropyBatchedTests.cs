using System.Numerics.Tensors;
using MannRl.Engine;

namespace MannRl.Tests.Engine.Losses;

/// <summary>
/// With a gradient, <see cref="CrossEntropyLoss.Compute"/> takes the exponentials of all rows in one call; it must give, bit for
/// bit, what one set of library calls per row gives (the loss the trainer logs and the gradient it steps on).
/// </summary>
public class CrossEntropyBatchedTests
{
    [Theory]
    [InlineData(16, 11, false)]
    [InlineData(16, 11, true)]
    [InlineData(16, 49, true)]
    [InlineData(13, 102, false)]
    [InlineData(2, 8, true)]
    public void EqualsThePerRowComputationBitForBit(int rows, int cols, bool probabilities)
    {
        var rng = new Rng(11);
        var x = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++)
        {
            foreach (ref float v in x.Row(r)) v = rng.Uniform(-30, 30);
            if (probabilities) Softmax.SoftmaxRow(x.Row(r), x.Row(r));
        }
        var targets = Enumerable.Range(0, rows).Select(r => (r * 5 + 1) % cols).ToArray();
        var losses = new float[rows];
        var grad = new Matrix(rows, cols);
        float mean = CrossEntropyLoss.Compute(x, targets, losses, grad);

        var wantLosses = new float[rows];
        var wantGrad = new float[rows * cols];
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            var row = x.Row(r);
            var e = wantGrad.AsSpan(r * cols, cols);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, e);
            TensorPrimitives.Exp(e, e);
            float sum = TensorPrimitives.Sum(e);
            wantLosses[r] = max + MathF.Log(sum) - row[targets[r]];
            total += wantLosses[r];
            TensorPrimitives.Multiply(e, 1f / rows / sum, e);
            e[targets[r]] -= 1f / rows;
        }
        Assert.Equal(wantLosses, losses);
        Assert.Equal(wantGrad, grad.ToArray());
        Assert.Equal((float)(total / rows), mean);
    }
}
