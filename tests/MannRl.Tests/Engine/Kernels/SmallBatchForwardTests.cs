using MannRl.Engine;
using MannRl.Engine.Kernels;

namespace MannRl.Tests.Engine.Kernels;

/// <summary>
/// Small batches after an optimizer step read W in place (<see cref="SmallBatchForward"/>); the result must be
/// bit-identical to the product with the transposed weight, so training does not depend on which path ran.
/// </summary>
public class SmallBatchForwardTests
{
    [Theory]
    [InlineData(59, 59, 16)]
    [InlineData(59, 11, 16)]
    [InlineData(475, 49, 13)]
    [InlineData(7, 3, 1)]
    [InlineData(33, 17, 16)]
    public void EqualsTheTransposedWeightProductBitForBit(int inF, int outF, int rows)
    {
        if (!SmallBatchForward.Available) return; // the path only exists with 512-bit vectors
        var rng = new Rng(5);
        var lin = new Linear(inF, outF, rng);
        var x = new Matrix(rows, inF);
        for (int r = 0; r < rows; r++) foreach (ref float v in x.Row(r)) v = rng.Uniform(-2, 2);
        var y = lin.Forward(x, lin.CreateContext(rows, Compute.SingleThread), training: true).ToArray();

        var expected = new float[rows * outF];
        var wT = new float[inF * outF];
        Transpose.Run(lin.Weight.Values, outF, inF, wT);
        for (int r = 0; r < rows; r++) lin.Bias.Values.CopyTo(expected.AsSpan(r * outF, outF));
        Gemm.Multiply(Compute.SingleThread, rows, outF, inF, x.AsSpan(), inF, false, wT, outF, expected, outF, accumulate: true);
        Assert.Equal(expected, y);
    }

    [Fact]
    public void AStridedInputViewGivesTheSameRows()
    {
        if (!SmallBatchForward.Available) return;
        var rng = new Rng(6);
        var lin = new Linear(20, 24, rng);
        var wide = new Matrix(16, 30);
        for (int r = 0; r < 16; r++) foreach (ref float v in wide.Row(r)) v = rng.Uniform(-1, 1);
        Matrix? view = null;
        var x = wide.Columns(5, 20, ref view);
        var dense = new Matrix(16, 20);
        dense.CopyFrom(x);
        var a = lin.Forward(x, lin.CreateContext(16, Compute.SingleThread), training: true).ToArray();
        lin.Weight.MarkChanged();
        var b = lin.Forward(dense, lin.CreateContext(16, Compute.SingleThread), training: true).ToArray();
        Assert.Equal(b, a);
    }
}
