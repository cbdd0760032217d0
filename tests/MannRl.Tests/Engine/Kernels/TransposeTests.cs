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
}
