using MannRl.Engine;
using MannRl.Engine.Kernels;

namespace MannRl.Tests.Engine.Kernels;

/// <summary>
/// The narrow softmax computes its exponentials with <see cref="GlibcExpf"/>, which must equal MathF.Exp bit for bit
/// (checked over all 2^32 inputs on the development machine; here over a sample, and through the softmax itself).
/// </summary>
public class GlibcExpfTests
{
    [Fact]
    public void LanesEqualMathFExpBitForBit()
    {
        if (!GlibcExpf.Exact) return; // another libm or no FMA: the softmax uses MathF.Exp itself
        var x = new float[1 << 20];
        var y = new float[x.Length];
        uint bits = 0x12345u;
        for (int i = 0; i < x.Length; i++)
        {
            bits = bits * 1664525u + 1013904223u; // every sign, exponent and mantissa
            x[i] = i % 2 == 0 ? BitConverter.UInt32BitsToSingle(bits) : -110f + 200f * i / x.Length;
        }
        GlibcExpf.Exp(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            float want = MathF.Exp(x[i]);
            if (float.IsNaN(want)) Assert.True(float.IsNaN(y[i]));
            else Assert.Equal(BitConverter.SingleToInt32Bits(want), BitConverter.SingleToInt32Bits(y[i]));
        }
    }

    [Theory]
    [InlineData(16, 11)]
    [InlineData(5, 3)]
    [InlineData(256, 16)]
    public void TheBatchedNarrowSoftmaxEqualsTheRowKernel(int rows, int cols)
    {
        var rng = new Rng(4);
        var x = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++) foreach (ref float v in x.Row(r)) v = rng.Uniform(-120, 40);
        var softmax = new Softmax(cols);
        var y = softmax.Forward(x, softmax.CreateContext(rows, Compute.SingleThread), training: true).ToArray();
        var want = new float[rows * cols];
        for (int r = 0; r < rows; r++) Softmax.SoftmaxRow(x.Row(r), want.AsSpan(r * cols, cols));
        Assert.Equal(want, y);
    }

    [SkippableFact]
    public void EveryLengthEqualsTheScalarExpBitForBit()
    {
        Skip.IfNot(GlibcExpf.Exact, "GlibcExpf runs only with AVX2, FMA and glibc's expf (elsewhere the softmax calls MathF.Exp)");
        // Full 4-lane groups and every tail, with inputs across the fast path, the underflow to +0 and both slow edges.
        foreach (int length in KernelCheck.Lengths)
        {
            float[] x = KernelCheck.Random(length, seed: length, -110f, 95f);
            var y = new float[length + 4];
            Array.Fill(y, float.NaN);
            GlibcExpf.Exp(x, y);
            var expected = new float[length];
            for (int i = 0; i < length; i++) expected[i] = MathF.Exp(x[i]);
            KernelCheck.AssertBitEqual(expected, y.AsSpan(0, length), $"exp of {length} values");
            Assert.All(y.Skip(length), v => Assert.True(float.IsNaN(v))); // nothing written past the end

            GlibcExpf.Exp(x, x); // in place
            KernelCheck.AssertBitEqual(expected, x, $"exp of {length} values in place");
        }
    }
}
