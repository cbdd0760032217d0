using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MannRl.Engine.Parallel;

namespace MannRl.Engine.Kernels;

/// <summary>
/// One packed product C (m x n) = Aₚ·B [+ C] cut into tasks: a task is a rectangle of column panels x row blocks of C,
/// and runs its k blocks, column tiles and row tiles in a fixed order. Tasks write disjoint parts of C and every
/// element's sum runs over p = 0..k-1 in order, so how tasks are spread over threads never changes a bit.
/// Pointers stay valid while <see cref="Gemm.Multiply(Compute,int,int,int,ReadOnlySpan{float},int,bool,ReadOnlySpan{float},int,Span{float},int,bool)"/>
/// holds its inputs fixed and waits for every task.
/// </summary>
[SkipLocalsInit] // no zeroing of the stack buffers: lanes outside live tiles are computed and thrown away
internal unsafe struct GemmJob
{
    /// <summary>
    /// Steps of k per pass over a column panel: its B slice (256 x 32 floats = 32 KB) then stays in the 48 KB L1
    /// while the row tiles reuse it, and C is reloaded once per block. Any block from 128 to 512 serves; a long k must
    /// be blocked (unblocked, the memory-net's k = 2144 runs at half the speed).
    /// </summary>
    public const int KBlock = 256;

    /// <summary>A packed into row blocks of <see cref="GemmKernels.Rows"/>: block b holds k x Rows floats, row-fastest.</summary>
    public float* PackedA;

    /// <summary>B (k x n) in place.</summary>
    public float* B;

    /// <summary>Row stride of B.</summary>
    public nint Ldb;

    /// <summary>C (m x n) in place.</summary>
    public float* C;

    /// <summary>Row stride of C.</summary>
    public nint Ldc;

    /// <summary>Shape of the product.</summary>
    public int M, N, K;

    /// <summary>Whether C's values are added to (else overwritten).</summary>
    public bool Accumulate;

    /// <summary>Kernel family used for every tile.</summary>
    public GemmKernelKind Kind;

    /// <summary>Loop order inside a task: row tiles outside column panels (else panels outside rows).</summary>
    public bool RowsOuter;

    /// <summary>Whether the first row tile of a panel copies B to the packed panel that the other row tiles read.</summary>
    public bool CopyPanels;

    /// <summary>Columns per task (a multiple of <see cref="PanelWidth"/>) and row blocks per task.</summary>
    public int TaskCols, TaskBlocks;

    /// <summary>Task grid: column chunks (fastest) x row chunks.</summary>
    public int ColChunks, RowChunks;

    /// <summary>Floats per vector of the kernel family (8 for the scalar kernel, which has no vectors but tiles alike).</summary>
    public readonly int Lanes => Kind == GemmKernelKind.Vector512 ? 16 : 8;

    /// <summary>Widest tile: two vectors.</summary>
    public readonly int PanelWidth => 2 * Lanes;

    /// <summary>Row blocks of A (the last one may be partial).</summary>
    public readonly int Blocks => (M + GemmKernels.Rows - 1) / GemmKernels.Rows;

    /// <summary>Number of tasks.</summary>
    public readonly int Tasks => ColChunks * RowChunks;

    /// <summary>Cuts the product into about <paramref name="wantedTasks"/> tasks, preferring column splits (a row split
    /// makes each part read all of its B columns again).</summary>
    public void Split(int wantedTasks)
    {
        int panels = (N + PanelWidth - 1) / PanelWidth;
        int colChunks = Math.Clamp(wantedTasks, 1, panels);
        int panelsPerChunk = (panels + colChunks - 1) / colChunks;
        TaskCols = panelsPerChunk * PanelWidth;
        ColChunks = (N + TaskCols - 1) / TaskCols;
        int rowChunks = Math.Clamp((wantedTasks + ColChunks - 1) / ColChunks, 1, Blocks);
        TaskBlocks = (Blocks + rowChunks - 1) / rowChunks;
        RowChunks = (Blocks + TaskBlocks - 1) / TaskBlocks;
    }

    /// <summary>Computes task <paramref name="task"/> of the job at <paramref name="job"/>: the form <see cref="WorkerPool"/> runs.</summary>
    public static void RunTask(void* job, int task) => ((GemmJob*)job)->RunTask(task);

    /// <summary>Computes task <paramref name="task"/> of <see cref="Tasks"/>.</summary>
    public readonly void RunTask(int task)
    {
        Debug.Assert((uint)task < (uint)Tasks);
        int j0 = task % ColChunks * TaskCols, j1 = Math.Min(N, j0 + TaskCols);
        int b0 = task / ColChunks * TaskBlocks, b1 = Math.Min(Blocks, b0 + TaskBlocks);
        // The packed B panel (kBlock x 32, cache-line aligned) and a full-size C tile for partial tiles, which are
        // computed there and copied out.
        float* panelStorage = stackalloc float[KBlock * 32 + 16];
        float* panel = (float*)(((nint)panelStorage + 63) & ~(nint)63);
        float* spare = stackalloc float[GemmKernels.Rows * 32];

        for (int p0 = 0; p0 < K; p0 += KBlock)
        {
            int kc = Math.Min(KBlock, K - p0);
            if (RowsOuter)
            {
                for (int blk = b0; blk < b1; blk++)
                    for (int j = j0; j < j1; j += PanelColumns(j, j1)) RunPanel(p0, kc, j, j1, blk, blk + 1, panel, spare);
            }
            else
            {
                for (int j = j0; j < j1; j += PanelColumns(j, j1)) RunPanel(p0, kc, j, j1, b0, b1, panel, spare);
            }
        }
    }

    /// <summary>Width of the column panel starting at <paramref name="j"/>: two vectors, one, or the last few columns.</summary>
    private readonly int PanelColumns(int j, int j1)
    {
        int left = j1 - j;
        return left >= PanelWidth ? PanelWidth : left >= Lanes ? Lanes : left;
    }

    /// <summary>Row tiles <paramref name="b0"/>..<paramref name="b1"/> of the column panel at <paramref name="j"/>, k steps p0..p0+kc.</summary>
    private readonly void RunPanel(int p0, int kc, int j, int j1, int b0, int b1, float* panel, float* spare)
    {
        const int rowsPerTile = GemmKernels.Rows;
        int width = PanelColumns(j, j1);
        bool load = Accumulate || p0 > 0;
        float* b = B + p0 * Ldb + j;
        if (Kind == GemmKernelKind.Scalar)
        {
            for (int blk = b0; blk < b1; blk++)
            {
                int i = blk * rowsPerTile;
                GemmKernels.TileScalar(
                    PackedA + ((nint)blk * K + p0) * rowsPerTile, b, Ldb, C + i * Ldc + j, Ldc, kc, load,
                    Math.Min(rowsPerTile, M - i), width);
            }
            return;
        }

        // A tail narrower than a vector is packed zero-padded up front; a full-width panel is packed by its first
        // row tile, unless that is the only one.
        int tileWidth = Math.Max(width, Lanes);
        bool packed = width < Lanes;
        if (packed) PackTail(b, Ldb, kc, width, Lanes, panel);
        for (int blk = b0; blk < b1; blk++)
        {
            int i = blk * rowsPerTile, rows = Math.Min(rowsPerTile, M - i);
            float* a = PackedA + ((nint)blk * K + p0) * rowsPerTile;
            bool full = rows == rowsPerTile && width == tileWidth;
            float* c = full ? C + i * Ldc + j : spare;
            nint ldc = full ? Ldc : tileWidth;
            if (!full && load) CopyTile(C + i * Ldc + j, Ldc, spare, tileWidth, rows, width);
            if (packed) Tile<ReadOnlyB>(a, panel, tileWidth, null, c, ldc, kc, load, tileWidth);
            else if (blk + 1 == b1 || !CopyPanels) Tile<ReadOnlyB>(a, b, Ldb, null, c, ldc, kc, load, tileWidth);
            else
            {
                Tile<CopyB>(a, b, Ldb, panel, c, ldc, kc, load, tileWidth);
                packed = true;
            }
            if (!full) CopyTile(spare, tileWidth, C + i * Ldc + j, Ldc, rows, width);
        }
    }

    private readonly void Tile<TCopy>(float* a, float* b, nint ldb, float* panel, float* c, nint ldc, int k, bool load, int tileWidth)
        where TCopy : struct, IPanelCopy
    {
        if (Kind == GemmKernelKind.Vector512)
        {
            if (tileWidth == 32) GemmKernels.Tile2<Vector512<float>, Vector512Ops, TCopy>(a, b, ldb, panel, c, ldc, k, load);
            else GemmKernels.Tile1<Vector512<float>, Vector512Ops, TCopy>(a, b, ldb, panel, c, ldc, k, load);
        }
        else
        {
            if (tileWidth == 16) GemmKernels.Tile2<Vector256<float>, Vector256Ops, TCopy>(a, b, ldb, panel, c, ldc, k, load);
            else GemmKernels.Tile1<Vector256<float>, Vector256Ops, TCopy>(a, b, ldb, panel, c, ldc, k, load);
        }
    }

    /// <summary>Copies a k x <paramref name="width"/> slice of B into rows of <paramref name="lanes"/>, zero-padded.</summary>
    private static void PackTail(float* b, nint ldb, int k, int width, int lanes, float* panel)
    {
        for (int p = 0; p < k; p++, b += ldb, panel += lanes)
        {
            int j = 0;
            for (; j < width; j++) panel[j] = b[j];
            for (; j < lanes; j++) panel[j] = 0f;
        }
    }

    private static void CopyTile(float* from, nint ldFrom, float* to, nint ldTo, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
            new ReadOnlySpan<float>(from + r * ldFrom, width).CopyTo(new Span<float>(to + r * ldTo, width));
    }
}
