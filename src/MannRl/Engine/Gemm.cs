namespace MannRl.Engine;

/// <summary>
/// Matrix products of the layers: C (m x n) = op(A) · B [+ C], with B row-major (k x n) and op(A) either
/// A (m x k, row-major) or Aᵀ (A stored k x m). All three Linear products map onto it:
/// forward Y = X·Wᵀ (B = the cached Wᵀ), dX = dY·W (B = W), dW += dYᵀ·X (A = dY transposed, B = X).
/// No allocation per call. Results do not depend on the thread count: every output element is summed in the
/// same order whichever thread computes it.
/// </summary>
public static class Gemm
{
    /// <summary>Most threads a product may use (1 = single-threaded). Set from <c>--threads</c>.</summary>
    public static int MaxThreads { get; set; } = 1;

    /// <summary>
    /// C = op(A)·B, or C += op(A)·B when <paramref name="accumulate"/>. Leading dimensions are row strides in floats.
    /// </summary>
    public static void Multiply(
        int m, int n, int k,
        ReadOnlySpan<float> a, int lda, bool transA,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc,
        bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float s = accumulate ? c[i * ldc + j] : 0f;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    s += av * b[p * ldb + j];
                }
                c[i * ldc + j] = s;
            }
        }
    }

    /// <summary>C = op(A)·B [+ C] on matrices (live rows; views allowed).</summary>
    public static void Multiply(Matrix a, bool transA, Matrix b, Matrix c, bool accumulate)
    {
        int m = transA ? a.Cols : a.Rows, k = transA ? a.Rows : a.Cols;
        if (b.Rows != k || c.Rows != m || c.Cols != b.Cols)
            throw new ArgumentException($"product shapes: op(A) {m}x{k}, B {b.Rows}x{b.Cols}, C {c.Rows}x{c.Cols}");
        Multiply(m, b.Cols, k,
            a.Data.AsSpan(a.Offset), a.Stride, transA,
            b.Data.AsSpan(b.Offset), b.Stride,
            c.Data.AsSpan(c.Offset), c.Stride, accumulate);
    }
}
