using System.Runtime.Intrinsics;

namespace MannRl.Engine.Kernels;

/// <summary>Column sums of a matrix added into a vector: a Linear layer's bias gradient.</summary>
internal static class ColumnSums
{
    /// <summary>
    /// sums[j] += Σ_r m[r, j] over the live rows, row by row in order as one library call per row did (bit-identical),
    /// but a block of columns at a time with the sum in a register: 16-128 calls on 11-475 floats cost more than their
    /// adds.
    /// </summary>
    public static void AddTo(Matrix m, Span<float> sums)
    {
        if (sums.Length != m.Cols) throw new ArgumentException($"column sums of {m.Rows}x{m.Cols} into {sums.Length} values");
        int n = m.Rows, j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= sums.Length - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                var sum = Vector256.LoadUnsafe(ref sums[j]);
                for (int r = 0; r < n; r++) sum += Vector256.LoadUnsafe(ref m[r, j]);
                sum.StoreUnsafe(ref sums[j]);
            }
        }
        for (; j < sums.Length; j++)
        {
            float sum = sums[j];
            for (int r = 0; r < n; r++) sum += m[r, j];
            sums[j] = sum;
        }
    }
}
