using MannRl.Engine;
using MannRl.Engine.Kernels;

namespace MannRl.Tests.Engine.Kernels;

public class TransposeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(8, 8)]
    [InlineData(16, 59)]
    [InlineData(59, 59)]
    [InlineData(17, 23)]
    [InlineData(96, 102)]
    [InlineData(64, 1120)]
    public void MatchesTheDefinition(int rows, int cols)
    {
        var src = Enumerable.Range(0, rows * cols).Select(i => (float)i * 0.5f - 3).ToArray();
        var dst = new float[rows * cols + 8];
        Array.Fill(dst, float.NaN);
        Transpose.Run(src, rows, cols, dst);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                Assert.Equal(src[r * cols + c], dst[c * rows + r]);
        Assert.All(dst.Skip(rows * cols), v => Assert.True(float.IsNaN(v))); // nothing written past the end
    }

    [Fact]
    public void EveryLengthOfEitherSideMatchesTheDefinition()
    {
        // Full 8 x 8 blocks, edge rows, edge columns and both, for every count of rows and of columns.
        foreach (int length in KernelCheck.Lengths)
        {
            foreach (int other in new[] { 1, 7, 8, 9, 17 })
            {
                Check(length, other);
                Check(other, length);
            }
        }
    }

    private static void Check(int rows, int cols)
    {
        float[] src = KernelCheck.Random(rows * cols, seed: rows * 100 + cols);
        var dst = new float[rows * cols + 8];
        Array.Fill(dst, float.NaN);
        Transpose.Run(src, rows, cols, dst);
        var expected = new float[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                expected[c * rows + r] = src[r * cols + c];
        KernelCheck.AssertBitEqual(expected, dst.AsSpan(0, rows * cols), $"transpose of {rows}x{cols}");
        Assert.All(dst.Skip(rows * cols), v => Assert.True(float.IsNaN(v))); // nothing written past the end
    }
}
