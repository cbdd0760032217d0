using MannRl.Engine.Kernels;

namespace MannRl.Tests.Engine.Kernels;

/// <summary><see cref="ColumnSums"/>'s column blocks against the scalar sum down each column, for every width.</summary>
public class ColumnSumsTests
{
    [Fact]
    public void EveryWidthAddsTheScalarColumnSums()
    {
        foreach (int cols in KernelCheck.Lengths)
        {
            foreach (int rows in new[] { 0, 1, 3, 16 })
            {
                var m = KernelCheck.RandomMatrix(rows, cols, seed: cols * 31 + rows);
                float[] sums = KernelCheck.Random(cols, seed: cols);
                float[] expected = (float[])sums.Clone();
                for (int j = 0; j < cols; j++)
                {
                    float s = expected[j];
                    for (int r = 0; r < rows; r++) s += m[r, j];
                    expected[j] = s;
                }
                ColumnSums.AddTo(m, sums);
                KernelCheck.AssertBitEqual(expected, sums, $"column sums of {rows}x{cols}");
            }
        }
    }

    [Fact]
    public void AColumnViewSumsOnlyItsColumns()
    {
        foreach (int cols in Enumerable.Range(1, 40))
        {
            var wide = KernelCheck.RandomMatrix(5, cols + 11, seed: cols);
            var view = wide.Columns(7, cols);
            var sums = new float[cols];
            ColumnSums.AddTo(view, sums);
            var expected = new float[cols];
            for (int j = 0; j < cols; j++)
                for (int r = 0; r < 5; r++) expected[j] += wide[r, 7 + j];
            KernelCheck.AssertBitEqual(expected, sums, $"column sums of a 5x{cols} view");
        }
        Assert.Throws<ArgumentException>(() => ColumnSums.AddTo(new MannRl.Engine.Matrix(2, 3), new float[4]));
    }
}
