using MannRl.Engine;

namespace MannRl.Tests.Engine;

/// <summary>
/// What the kernel tests share, in the manner of System.Numerics.Tensors' own tests: every length from 0 to 256 (each
/// vector width's full vectors, every tail, every alignment of the tail) plus a few large ones, random values, and a
/// bit-for-bit comparison with a plain scalar loop written in the test.
/// </summary>
internal static class KernelCheck
{
    /// <summary>Lengths 0..256, then a few large ones (odd, and past the element-wise passes' thread split).</summary>
    public static IEnumerable<int> Lengths => Enumerable.Range(0, 257).Concat([511, 1_000, 4_099]);

    /// <summary>Lengths 0..256 and one large odd length, for kernels whose cost grows with the square of the length.</summary>
    public static IEnumerable<int> LengthsUpTo1000 => Enumerable.Range(0, 257).Concat([1_000]);

    /// <summary><paramref name="length"/> values uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static float[] Random(int length, int seed, float min = -2f, float max = 2f)
    {
        var rng = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = min + (max - min) * (float)rng.NextDouble();
        return values;
    }

    /// <summary>A matrix of random values (live rows = capacity).</summary>
    public static Matrix RandomMatrix(int rows, int cols, int seed, float min = -2f, float max = 2f)
    {
        var m = new Matrix(rows, cols);
        var values = Random(rows * cols, seed, min, max);
        for (int r = 0; r < rows; r++) values.AsSpan(r * cols, cols).CopyTo(m.Row(r));
        return m;
    }

    /// <summary>Fails, naming the first differing index and <paramref name="what"/>, unless the values are equal bit for bit.</summary>
    public static void AssertBitEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{what}: element {i} is {actual[i]:R}, the scalar reference {expected[i]:R}");
        }
    }

    /// <summary>The live values of a matrix, row by row.</summary>
    public static float[] Values(Matrix m)
    {
        var values = new float[m.Rows * m.Cols];
        for (int r = 0; r < m.Rows; r++) m.Row(r).CopyTo(values.AsSpan(r * m.Cols, m.Cols));
        return values;
    }
}
