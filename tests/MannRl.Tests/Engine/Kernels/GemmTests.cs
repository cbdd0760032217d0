using MannRl.Engine;
using MannRl.Engine.Kernels;

namespace MannRl.Tests.Engine.Kernels;

/// <summary>
/// Operands for one product, each stored with NaN guards before, after and between rows (the stride gaps), and
/// handed to <see cref="Gemm"/> as exactly sized spans: a read of a gap that reaches a result makes it NaN, and a
/// write outside C's live elements overwrites a NaN guard.
/// </summary>
internal sealed class GemmCase
{
    private const int Guard = 37;

    public GemmCase(int m, int n, int k, bool transA, bool accumulate, int seed, int extraStride = 0)
    {
        M = m; N = n; K = k; TransA = transA; Accumulate = accumulate;
        var rng = new Random(seed);
        (ARows, ACols) = transA ? (k, m) : (m, k);
        Lda = ACols + extraStride;
        Ldb = n + 2 * extraStride;
        Ldc = n + 3 * extraStride;
        A = Filled(rng, ARows, ACols, Lda);
        B = Filled(rng, k, n, Ldb);
        // Without accumulation C's old values must be ignored: make them NaN so any use shows.
        C0 = accumulate ? Filled(rng, m, n, Ldc) : Filled(null, m, n, Ldc);
        C = (float[])C0.Clone();
    }

    public int M { get; }
    public int N { get; }
    public int K { get; }
    public bool TransA { get; }
    public bool Accumulate { get; }
    public int ARows { get; }
    public int ACols { get; }
    public int Lda { get; }
    public int Ldb { get; }
    public int Ldc { get; }
    public float[] A { get; }
    public float[] B { get; }
    public float[] C0 { get; }
    public float[] C { get; private set; }

    public float AAt(int i, int p) => TransA ? A[Guard + p * Lda + i] : A[Guard + i * Lda + p];
    public float BAt(int p, int j) => B[Guard + p * Ldb + j];
    public float C0At(int i, int j) => C0[Guard + i * Ldc + j];
    public float CAt(int i, int j) => C[Guard + i * Ldc + j];

    /// <summary>Runs the product on fresh C storage and returns it.</summary>
    public float[] Run(Compute? compute = null)
    {
        C = (float[])C0.Clone();
        Gemm.Multiply(compute ?? Compute.SingleThread, M, N, K,
            Live(A, ARows, ACols, Lda), Lda, TransA,
            Live(B, K, N, Ldb), Ldb,
            Live(C, M, N, Ldc), Ldc, Accumulate);
        return C;
    }

    /// <summary>Every element of C outside the live m x n window still holds its NaN guard.</summary>
    public void AssertGuardsIntact()
    {
        int firstLive = Guard, end = Guard + Needed(M, N, Ldc);
        for (int x = 0; x < C.Length; x++)
        {
            bool live = x >= firstLive && x < end && (x - Guard) % Ldc < N;
            if (!live) Assert.True(float.IsNaN(C[x]), $"C storage index {x} (outside the live window) was written: {C[x]}");
        }
    }

    private static int Needed(int rows, int cols, int stride) => rows == 0 || cols == 0 ? 0 : (rows - 1) * stride + cols;

    private static Span<float> Live(float[] storage, int rows, int cols, int stride) =>
        storage.AsSpan(Guard, Needed(rows, cols, stride));

    private static float[] Filled(Random? rng, int rows, int cols, int stride)
    {
        var storage = new float[Guard + Needed(rows, cols, stride) + Guard];
        storage.AsSpan().Fill(float.NaN);
        if (rng is null) return storage;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                storage[Guard + r * stride + c] = (float)(rng.NextDouble() * 2 - 1);
        return storage;
    }
}

/// <summary>Products against a double-precision reference and against the exact per-element FMA order.</summary>
public class GemmTests
{
    /// <summary>
    /// Allowed error per summed term, relative to Σ|a·b| (+ |C₀|): twice the float unit roundoff (2⁻²⁴). Summing k+1
    /// terms in float can lose up to about (k+1)·2⁻²⁴ of that, so the bound is (k+1)·this. Dropping or doubling a
    /// single term moves a sum by about 1/k of Σ|a·b|, far outside the bound for every k tested here.
    /// </summary>
    private const double TolerancePerTerm = 2 * 5.96e-8;

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 1, 40, 1 }, { 2, 1, 9 }, { 8, 16, 8 }, { 9, 17, 3 },
        { 16, 11, 11 }, { 16, 59, 59 }, { 15, 33, 300 }, { 17, 48, 256 }, { 9, 31, 257 }, { 24, 64, 513 },
        { 128, 20, 16 }, { 257, 1025, 129 },
        // Strides that are multiples of 1 KiB switch on B panel copies (and, with one k block, rows-outer order).
        { 16, 256, 300 }, { 9, 256, 100 }, { 40, 512, 16 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesReferenceForEveryLayout(int m, int n, int k)
    {
        foreach (bool transA in new[] { false, true })
        {
            foreach (bool accumulate in new[] { false, true })
            {
                var p = new GemmCase(m, n, k, transA, accumulate, seed: m * 1000 + n * 10 + k);
                p.Run();
                AssertMatchesReference(p);
                p.AssertGuardsIntact();
            }
        }
    }

    [Fact]
    public void ColumnCountSweep()
    {
        for (int n = 1; n <= 40; n++)
        {
            foreach (bool transA in new[] { false, true })
            {
                var p = new GemmCase(m: 11, n, k: 23, transA, accumulate: n % 2 == 0, seed: n);
                p.Run();
                AssertMatchesReference(p);
                p.AssertGuardsIntact();
            }
        }
    }

    [Fact]
    public void InnerDimensionSweep()
    {
        foreach (int k in Enumerable.Range(1, 40).Concat(new[] { 255, 256, 257, 511, 512, 513, 1000 }))
        {
            foreach (bool transA in new[] { false, true })
            {
                var p = new GemmCase(m: 10, n: 37, k, transA, accumulate: k % 3 == 0, seed: k);
                p.Run();
                AssertMatchesReference(p);
                p.AssertGuardsIntact();
            }
        }
    }

    [Fact]
    public void RowCountSweep()
    {
        for (int m = 1; m <= 33; m++)
        {
            var p = new GemmCase(m, n: 50, k: 19, transA: m % 2 == 1, accumulate: m % 3 == 0, seed: m);
            p.Run();
            AssertMatchesReference(p);
            p.AssertGuardsIntact();
        }
    }

    [Theory]
    [InlineData(3, 5, 7, 1)]
    [InlineData(16, 59, 59, 5)]
    [InlineData(13, 70, 300, 3)]
    [InlineData(40, 33, 16, 16)]
    public void StridedOperandsReadAndWriteOnlyTheirLiveElements(int m, int n, int k, int extraStride)
    {
        foreach (bool transA in new[] { false, true })
        {
            foreach (bool accumulate in new[] { false, true })
            {
                var p = new GemmCase(m, n, k, transA, accumulate, seed: 7, extraStride);
                p.Run();
                AssertMatchesReference(p);
                p.AssertGuardsIntact();
            }
        }
    }

    [Fact]
    public void EmptyInnerDimensionClearsOrKeepsC()
    {
        var cleared = new GemmCase(4, 6, 0, transA: false, accumulate: false, seed: 1);
        cleared.Run();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 6; j++)
                Assert.Equal(0f, cleared.CAt(i, j));

        var kept = new GemmCase(4, 6, 0, transA: true, accumulate: true, seed: 1);
        kept.Run();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 6; j++)
                Assert.Equal(kept.C0At(i, j), kept.CAt(i, j));
        kept.AssertGuardsIntact();
    }

    [Fact]
    public void EmptyOutputIsANoOp()
    {
        Gemm.Multiply(Compute.SingleThread, 0, 5, 3, ReadOnlySpan<float>.Empty, 3, false, new float[15], 5, Span<float>.Empty, 5, false);
        Gemm.Multiply(Compute.SingleThread, 4, 0, 3, new float[12], 3, false, ReadOnlySpan<float>.Empty, 0, Span<float>.Empty, 0, true);
    }

    [Fact]
    public void MatrixOverloadWorksOnColumnViews()
    {
        var rng = new Random(3);
        Matrix x = Random(rng, 16, 70), w = Random(rng, 60, 45), y = new Matrix(16, 100);
        // y[:, 50..90) = x[:, 5..65) · w[:, 3..43): every operand a strided view.
        Matrix xv = x.Columns(5, 60), wv = w.Columns(3, 40), yv = y.Columns(50, 40);
        Gemm.Multiply(Compute.SingleThread, xv, false, wv, yv, accumulate: false);
        for (int r = 0; r < 16; r++)
        {
            for (int c = 0; c < 100; c++)
            {
                float expected = 0f;
                if (c >= 50 && c < 90)
                    for (int q = 0; q < 60; q++) expected = MathF.FusedMultiplyAdd(xv[r, q], wv[q, c - 50], expected);
                Assert.Equal(expected, y[r, c]);
            }
        }

        // The weight-gradient form: dw (40 x 60) += yvᵀ · xv.
        var dw = new Matrix(40, 60);
        dw[0, 0] = 1f;
        Gemm.Multiply(Compute.SingleThread, yv, true, xv, dw, accumulate: true);
        float dw00 = 1f;
        for (int q = 0; q < 16; q++) dw00 = MathF.FusedMultiplyAdd(yv[q, 0], xv[q, 0], dw00);
        Assert.Equal(dw00, dw[0, 0]);

        Assert.Throws<ArgumentException>(() => Gemm.Multiply(Compute.SingleThread, xv, false, w, yv, accumulate: false));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(Compute.SingleThread, xv, true, wv, yv, accumulate: false));
    }

    [Fact]
    public void BadArgumentsNameTheProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(Compute.SingleThread, 2, 3, 4, new float[7], 4, false, new float[12], 3, new float[6], 3, false));
        Assert.Contains("A (2x4, stride 4) needs 8 floats", ex.Message);
        ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(Compute.SingleThread, 2, 3, 4, new float[8], 4, false, new float[12], 2, new float[6], 3, false));
        Assert.Contains("row stride is 2", ex.Message);
        ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(Compute.SingleThread, 2, 3, 4, new float[8], 4, true, new float[12], 3, new float[6], 3, false));
        Assert.Contains("A (4x2, stride 4) needs 14 floats", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(Compute.SingleThread, -1, 3, 4, new float[8], 4, false, new float[12], 3, new float[6], 3, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Compute(0));
    }

    private static Matrix Random(Random rng, int rows, int cols)
    {
        var m = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                m[r, c] = (float)(rng.NextDouble() * 2 - 1);
        return m;
    }

    /// <summary>
    /// Checks every element of C twice: within <see cref="TolerancePerTerm"/> of a double-precision sum, and bit for
    /// bit equal to the documented order fma(a[i,p], b[p,j], c) for p = 0..k-1 (what makes threads not matter).
    /// </summary>
    internal static void AssertMatchesReference(GemmCase p)
    {
        for (int i = 0; i < p.M; i++)
        {
            for (int j = 0; j < p.N; j++)
            {
                float c0 = p.Accumulate ? p.C0At(i, j) : 0f;
                double exact = c0, magnitude = Math.Abs(c0);
                float ordered = c0;
                for (int q = 0; q < p.K; q++)
                {
                    float a = p.AAt(i, q), b = p.BAt(q, j);
                    exact += (double)a * b;
                    magnitude += Math.Abs((double)a * b);
                    ordered = MathF.FusedMultiplyAdd(a, b, ordered);
                }
                float got = p.CAt(i, j);
                double bound = TolerancePerTerm * (p.K + 1) * magnitude;
                if (!(Math.Abs(got - exact) <= bound))
                    Assert.Fail($"C[{i},{j}] = {got}, double reference {exact}, |error| {Math.Abs(got - exact):E3} > bound {bound:E3} ({p.M}x{p.N}x{p.K}, transA {p.TransA}, accumulate {p.Accumulate})");
                if (BitConverter.SingleToInt32Bits(got) != BitConverter.SingleToInt32Bits(ordered))
                    Assert.Fail($"C[{i},{j}] = {got:R} differs from the in-order FMA sum {ordered:R} ({p.M}x{p.N}x{p.K}, transA {p.TransA}, accumulate {p.Accumulate})");
            }
        }
    }
}
