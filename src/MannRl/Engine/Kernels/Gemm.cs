using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MannRl.Engine.Parallel;

namespace MannRl.Engine.Kernels;

/// <summary>
/// Matrix products of the layers: C (m x n) = op(A) · B [+ C], with B row-major (k x n) and op(A) either
/// A (m x k, row-major) or Aᵀ (A stored k x m). All three Linear products map onto it:
/// forward Y = X·Wᵀ (B = the cached Wᵀ), dX = dY·W (B = W), dW += dYᵀ·X (A = dY transposed, B = X).
/// No allocation per call. Results do not depend on the thread count: every output element is summed in the
/// same order whichever thread computes it.
/// </summary>
/// <remarks>
/// Every path computes each element as c = fma(op(A)[i,p], B[p,j], c) for p = 0..k-1 in order, starting from 0
/// (or from C when accumulating), so the AVX-512, AVX2, scalar and small-size paths agree bit for bit, whatever the
/// thread count. Larger products pack op(A) into row blocks of 8 (one contiguous read per k step, whichever way A is
/// stored) and run 8 x 32 register tiles over k blocks of 256, reading B in place or from a panel the first row tile
/// copied it to (<see cref="GemmJob"/>, <see cref="GemmKernels"/>); big ones split column panels over the threads
/// <see cref="Compute"/> allows (<see cref="WorkerPool"/>).
/// </remarks>
public static class Gemm
{
    /// <summary>Below this many multiply-adds (m·n·k) packing costs more than it saves: the unpacked row-by-row loop runs.</summary>
    internal const long SmallWork = 128;

    /// <summary>
    /// Fewest multiply-adds (m·n·k) per thread worth waking a helper for: a product must keep each thread busy for
    /// several microseconds, or waking and joining the helper costs more than its share of the work saves
    /// (the measurements: docs/benchmarks.md, "Engine thresholds").
    /// </summary>
    internal const long WorkPerThread = 1 << 19;

    private static readonly GemmKernelKind s_bestKernel =
        Vector512.IsHardwareAccelerated ? GemmKernelKind.Vector512
        : Vector256.IsHardwareAccelerated ? GemmKernelKind.Vector256
        : GemmKernelKind.Scalar;

    [ThreadStatic] private static float[]? t_workspace;

    /// <summary>Kernel family forced for every product (tests: the scalar and AVX2 paths on AVX-512 hardware); null = best.</summary>
    internal static GemmKernelKind? ForcedKernel { get; set; }

    /// <summary>Kernel family the next product uses.</summary>
    internal static GemmKernelKind Kernel => ForcedKernel is { } forced && forced <= s_bestKernel ? forced : s_bestKernel;

    /// <summary>
    /// C = op(A)·B, or C += op(A)·B when <paramref name="accumulate"/>. Leading dimensions are row strides in floats;
    /// each span must reach the last live element of its operand and nothing past it is read. C must not overlap A or B.
    /// Large products use up to <see cref="Compute.Threads"/> threads of <paramref name="compute"/>.
    /// </summary>
    public static void Multiply(
        Compute compute,
        int m, int n, int k,
        ReadOnlySpan<float> a, int lda, bool transA,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc,
        bool accumulate)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), $"product shape m={m}, n={n}, k={k} is negative");
        if (m == 0 || n == 0) return;
        CheckOperand("A", a.Length, transA ? k : m, transA ? m : k, lda);
        CheckOperand("B", b.Length, k, n, ldb);
        CheckOperand("C", c.Length, m, n, ldc);
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }

        GemmKernelKind kind = Kernel;
        long work = (long)m * n * k;
        unsafe
        {
            fixed (float* pa = a, pb = b, pc = c)
            {
                if (work < SmallWork) MultiplySmall(kind, m, n, k, pa, lda, transA, pb, ldb, pc, ldc, accumulate);
                else MultiplyPacked(compute, kind, m, n, k, pa, lda, transA, pb, ldb, pc, ldc, accumulate, work);
            }
        }
    }

    /// <summary>C = op(A)·B [+ C] on matrices (live rows; views allowed).</summary>
    public static void Multiply(Compute compute, Matrix a, bool transA, Matrix b, Matrix c, bool accumulate)
    {
        int m = transA ? a.Cols : a.Rows, k = transA ? a.Rows : a.Cols;
        if (b.Rows != k || c.Rows != m || c.Cols != b.Cols)
            throw new ArgumentException($"product shapes: op(A) {m}x{k}, B {b.Rows}x{b.Cols}, C {c.Rows}x{c.Cols}");
        Multiply(compute, m, b.Cols, k,
            a.Data.AsSpan(a.Offset), a.Stride, transA,
            b.Data.AsSpan(b.Offset), b.Stride,
            c.Data.AsSpan(c.Offset), c.Stride, accumulate);
    }

    private static void CheckOperand(string name, int length, int rows, int cols, int stride)
    {
        if (stride < cols)
            throw new ArgumentException($"{name} is {rows}x{cols} but its row stride is {stride}; the stride must be at least {cols}");
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * stride + cols;
        if (length < needed)
            throw new ArgumentException($"{name} ({rows}x{cols}, stride {stride}) needs {needed} floats, the span has {length}");
    }

    /// <summary>
    /// Tiny products: for each row of C, one axpy of a row of B per k step, in place. No packing, no tiles; the
    /// per-element order is still p = 0..k-1 with one FMA each, as in the tiled path.
    /// </summary>
    private static unsafe void MultiplySmall(
        GemmKernelKind kind, int m, int n, int k, float* a, nint lda, bool transA, float* b, nint ldb, float* c, nint ldc,
        bool accumulate)
    {
        int lanes = kind switch { GemmKernelKind.Vector512 => 16, GemmKernelKind.Vector256 => 8, _ => 1 };
        nint rowStep = transA ? 1 : lda, kStep = transA ? lda : 1;
        for (int i = 0; i < m; i++)
        {
            float* ci = c + i * ldc;
            if (!accumulate) new Span<float>(ci, n).Clear();
            for (int p = 0; p < k; p++)
            {
                float x = a[i * rowStep + p * kStep];
                float* bp = b + p * ldb;
                int j = 0;
                if (lanes == 16)
                {
                    var xv = Vector512.Create(x);
                    for (; j <= n - 16; j += 16)
                        Vector512.FusedMultiplyAdd(xv, Vector512.Load(bp + j), Vector512.Load(ci + j)).Store(ci + j);
                }
                else if (lanes == 8)
                {
                    var xv = Vector256.Create(x);
                    for (; j <= n - 8; j += 8)
                        Vector256.FusedMultiplyAdd(xv, Vector256.Load(bp + j), Vector256.Load(ci + j)).Store(ci + j);
                }
                for (; j < n; j++) ci[j] = MathF.FusedMultiplyAdd(x, bp[j], ci[j]);
            }
        }
    }

    private static unsafe void MultiplyPacked(
        Compute compute, GemmKernelKind kind, int m, int n, int k, float* a, nint lda, bool transA, float* b, nint ldb, float* c, nint ldc,
        bool accumulate, long work)
    {
        const int rows = GemmKernels.Rows;
        int blocks = (m + rows - 1) / rows;
        float[] workspace = Workspace(PackedLength(m, k));
        fixed (float* w = workspace)
        {
            var job = new GemmJob
            {
                PackedA = w,
                B = b,
                Ldb = ldb,
                C = c,
                Ldc = ldc,
                M = m,
                N = n,
                K = k,
                Accumulate = accumulate,
                Kind = kind,
            };
            PackA(m, k, a, lda, transA, w);
            ChooseLoops(ref job);

            int threads = (int)Math.Clamp(work / WorkPerThread, 1, compute.Threads);
            // Four tasks per thread let a thread whose core is busy elsewhere take fewer of them.
            job.Split(threads == 1 ? 1 : 4 * threads);
            if (threads > 1 && job.Tasks > 1 && WorkerPool.TryRun(compute, &GemmJob.RunTask, &job, job.Tasks, Math.Min(threads, job.Tasks) - 1)) return;
            for (int t = 0; t < job.Tasks; t++) job.RunTask(t);
        }
    }

    /// <summary>
    /// Loop order and B packing, from measurements on Zen 5 (L1 48 KB, 12-way: rows of a matrix whose stride is a
    /// multiple of 1 KiB fall into at most 4 of its 64 sets, so a panel of such rows does not stay in L1).
    /// Panel copies pay when B's rows alias so, or when at least 3 row tiles reuse a panel (m = 16 with an unaliased
    /// stride is faster reading B in place twice). Row tiles go outside column panels only for one k block with
    /// aliasing C rows (the weight gradient of a power-of-two-wide layer), so C is walked row block by row block.
    /// </summary>
    private static void ChooseLoops(ref GemmJob job)
    {
        static bool Aliases(nint stride) => stride * sizeof(float) % 1024 == 0;
        job.CopyPanels = Aliases(job.Ldb) || job.Blocks >= 3;
        job.RowsOuter = job.K <= GemmJob.KBlock && Aliases(job.Ldc);
    }

    /// <summary>
    /// Packs op(A) (m x k) into row blocks of 8: block b holds, for p = 0..k-1, rows 8b..8b+7 of column p
    /// contiguously, with zeros for rows past m (their results are computed and discarded).
    /// </summary>
    private static unsafe void PackA(int m, int k, float* a, nint lda, bool transA, float* packed)
    {
        const int rows = GemmKernels.Rows;
        for (int i0 = 0; i0 < m; i0 += rows, packed += (nint)k * rows)
        {
            int live = Math.Min(rows, m - i0);
            if (transA && live == rows && Vector256.IsHardwareAccelerated)
            {
                // A is k x m: the block's 8 values for step p are adjacent, one vector.
                for (int p = 0; p < k; p++) Vector256.Store(Vector256.Load(a + p * lda + i0), packed + p * rows);
            }
            else if (transA)
            {
                // A is k x m: the block's values for step p are already adjacent.
                for (int p = 0; p < k; p++)
                {
                    float* src = a + p * lda + i0, dst = packed + p * rows;
                    int r = 0;
                    for (; r < live; r++) dst[r] = src[r];
                    for (; r < rows; r++) dst[r] = 0f;
                }
            }
            else if (live == rows && k >= rows && Avx.IsSupported)
            {
                // 8 x 8 blocks transposed in registers, the last k % 8 steps element by element.
                int k8 = k & ~(rows - 1);
                for (int p = 0; p < k8; p += rows) Transpose.Block8(a + i0 * lda + p, (int)lda, packed + p * rows, rows);
                for (int r = 0; r < rows; r++)
                {
                    float* src = a + (i0 + r) * lda, dst = packed + r;
                    for (int p = k8; p < k; p++) dst[p * rows] = src[p];
                }
            }
            else
            {
                for (int r = 0; r < rows; r++)
                {
                    float* dst = packed + r;
                    if (r < live)
                    {
                        float* src = a + (i0 + r) * lda;
                        for (int p = 0; p < k; p++) dst[p * rows] = src[p];
                    }
                    else
                    {
                        for (int p = 0; p < k; p++) dst[p * rows] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Grows the calling thread's packing workspace now to what a product whose op(A) is up to <paramref name="m"/> x
    /// <paramref name="k"/> needs. The workspace is per thread and otherwise grows with the largest product seen, so a
    /// caller whose products vary in size (batches of whole sequences of varying length) would allocate whenever one is
    /// the largest yet; reserving its largest once makes every later product allocate nothing.
    /// </summary>
    public static void ReserveWorkspace(int m, int k) => Workspace(PackedLength(m, k));

    /// <summary>Floats of op(A) (m x k) packed into row blocks of <see cref="GemmKernels.Rows"/>.</summary>
    private static long PackedLength(int m, int k) => (long)((m + GemmKernels.Rows - 1) / GemmKernels.Rows) * GemmKernels.Rows * k;

    /// <summary>This thread's packing buffer, grown (never shrunk) to <paramref name="length"/> floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float[] Workspace(long length)
    {
        float[]? w = t_workspace;
        if (w is null || w.Length < length) t_workspace = w = new float[checked((int)length)];
        return w;
    }
}
