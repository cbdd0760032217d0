using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MannRl.Engine;

/// <summary>
/// One packed product C (m x n) = Aₚ·B [+ C] cut into tasks: a task is a rectangle of column panels x row blocks of C,
/// and runs its k blocks, column tiles and row tiles in a fixed order. Tasks write disjoint parts of C and every
/// element's sum runs over p = 0..k-1 in order, so how tasks are spread over threads never changes a bit.
/// Pointers stay valid while <see cref="Gemm.Multiply(int,int,int,ReadOnlySpan{float},int,bool,ReadOnlySpan{float},int,Span{float},int,bool)"/>
/// holds its inputs fixed and waits for every task.
/// </summary>
[SkipLocalsInit] // the spare tile is always written before it is read
internal unsafe struct GemmJob
{
    /// <summary>
    /// Steps of k per pass over a column tile: the B sub-panel read by the row tiles (kBlock x 32 floats) then stays
    /// in the 48 KB L1 while each row tile reuses it, and C is reloaded only once per block.
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

    /// <summary>The last n mod <see cref="Lanes"/> columns of B, packed k x Lanes with zeros after them (vector kinds only).</summary>
    public float* PackedBTail;

    /// <summary>Shape of the product.</summary>
    public int M, N, K;

    /// <summary>Whether C's values are added to (else overwritten).</summary>
    public bool Accumulate;

    /// <summary>Kernel family used for every tile.</summary>
    public GemmKernelKind Kind;

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

    /// <summary>Floats a vector kind needs in the packed B tail.</summary>
    public static int TailLength(GemmKernelKind kind, int n, int k)
    {
        int lanes = kind == GemmKernelKind.Vector512 ? 16 : 8;
        return kind == GemmKernelKind.Scalar || n % lanes == 0 ? 0 : k * lanes;
    }

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

    /// <summary>Computes task <paramref name="task"/> of <see cref="Tasks"/>.</summary>
    public readonly void RunTask(int task)
    {
        Debug.Assert((uint)task < (uint)Tasks);
        const int rowsPerTile = GemmKernels.Rows;
        int lanes = Lanes, panelWidth = PanelWidth;
        int j0 = task % ColChunks * TaskCols, j1 = Math.Min(N, j0 + TaskCols);
        int b0 = task / ColChunks * TaskBlocks, b1 = Math.Min(Blocks, b0 + TaskBlocks);
        // Partial tiles (last rows, last columns) are computed into this full-size tile and copied out.
        float* spare = stackalloc float[rowsPerTile * 32];

        for (int p0 = 0; p0 < K; p0 += KBlock)
        {
            int kc = Math.Min(KBlock, K - p0);
            bool load = Accumulate || p0 > 0;
            for (int j = j0; j < j1;)
            {
                int left = j1 - j;
                int width = left >= panelWidth ? panelWidth : left >= lanes ? lanes : left;
                // The tail narrower than a vector reads B from its zero-padded packed copy.
                bool tail = width < lanes;
                int tileWidth = tail ? lanes : width;
                float* b = tail ? PackedBTail + (nint)p0 * lanes : B + p0 * Ldb + j;
                nint ldb = tail ? lanes : Ldb;
                for (int blk = b0; blk < b1; blk++)
                {
                    int i = blk * rowsPerTile, rows = Math.Min(rowsPerTile, M - i);
                    float* a = PackedA + ((nint)blk * K + p0) * rowsPerTile;
                    float* c = C + i * Ldc + j;
                    if (Kind == GemmKernelKind.Scalar)
                    {
                        GemmKernels.TileScalar(a, B + p0 * Ldb + j, Ldb, c, Ldc, kc, load, rows, width);
                    }
                    else if (rows == rowsPerTile && !tail)
                    {
                        Tile(a, b, ldb, c, Ldc, kc, load, tileWidth);
                    }
                    else
                    {
                        if (load) CopyTile(c, Ldc, spare, tileWidth, rows, width);
                        Tile(a, b, ldb, spare, tileWidth, kc, load, tileWidth);
                        CopyTile(spare, tileWidth, c, Ldc, rows, width);
                    }
                }
                j += width;
            }
        }
    }

    private readonly void Tile(float* a, float* b, nint ldb, float* c, nint ldc, int k, bool load, int tileWidth)
    {
        if (Kind == GemmKernelKind.Vector512)
        {
            if (tileWidth == 32) GemmKernels.Tile512x2(a, b, ldb, c, ldc, k, load);
            else GemmKernels.Tile512x1(a, b, ldb, c, ldc, k, load);
        }
        else
        {
            if (tileWidth == 16) GemmKernels.Tile256x2(a, b, ldb, c, ldc, k, load);
            else GemmKernels.Tile256x1(a, b, ldb, c, ldc, k, load);
        }
    }

    private static void CopyTile(float* from, nint ldFrom, float* to, nint ldTo, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
            new ReadOnlySpan<float>(from + r * ldFrom, width).CopyTo(new Span<float>(to + r * ldTo, width));
    }
}
