using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MannRl.Engine.Kernels;

/// <summary>Which micro-kernel family <see cref="Gemm"/> runs.</summary>
internal enum GemmKernelKind
{
    /// <summary>Plain scalar fused multiply-adds (no SIMD hardware, or forced by tests).</summary>
    Scalar,

    /// <summary>AVX2-class 8-lane vectors.</summary>
    Vector256,

    /// <summary>AVX-512-class 16-lane vectors.</summary>
    Vector512,
}

/// <summary>Compile-time switch of the vector tiles: whether they also copy the B rows they read to a packed panel.</summary>
internal interface IPanelCopy
{
    /// <summary>True: each B row the tile reads is stored to the panel, contiguously, for the next row tiles.</summary>
    static abstract bool CopiesB { get; }
}

/// <summary>The tile copies B to the panel (first row tile of a panel).</summary>
internal readonly struct CopyB : IPanelCopy
{
    /// <inheritdoc/>
    public static bool CopiesB => true;
}

/// <summary>The tile only reads B (from the packed panel, or in place when no other tile needs it).</summary>
internal readonly struct ReadOnlyB : IPanelCopy
{
    /// <inheritdoc/>
    public static bool CopiesB => false;
}

/// <summary>
/// Register-tiled micro-kernels: each computes a tile of <see cref="Rows"/> rows and one or two vectors of columns of
/// C = Aₚ·B over a slice of k, with every accumulator in a register. Aₚ is a packed row block (k x <see cref="Rows"/>,
/// the <see cref="Rows"/> values of one k step contiguous), so one broadcast per row and k step feeds one FMA per
/// column vector. B is read with row stride <c>ldb</c>, in place or from a packed panel; with <see cref="CopyB"/> the
/// tile also stores the B rows it reads to <c>panel</c> (row stride = tile width), so later row tiles read B from
/// contiguous L1-resident memory whatever B's stride (a power-of-two stride maps every row of B to the same cache
/// sets). C is read (when <c>load</c>) and written in place.
/// Every lane of every kernel computes c = fma(a[i,p], b[p,j], c) for p = 0, 1, ... in order, the same as
/// <see cref="MathF.FusedMultiplyAdd"/> in a scalar loop, so all kernel families give bit-identical results. The vector
/// tiles are written once over the vector width (<see cref="IVectorOps{TVector}"/>: 512 or 256 bits); specialised,
/// they compile to the instructions of tiles written per width.
/// </summary>
internal static unsafe class GemmKernels
{
    /// <summary>Rows of C per micro-tile: 8 rows x 2 vectors = 16 accumulators, half the AVX-512 register file.</summary>
    public const int Rows = 8;

    /// <summary>
    /// 8 x 2V tile (V = a vector's lanes: 8 x 32 with 16-lane vectors): per k step 2 loads of B, 8 broadcasts of A,
    /// 16 FMAs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile2<TVector, TOps, TCopy>(float* a, float* b, nint ldb, float* panel, float* c, nint ldc, int k, bool load)
        where TVector : struct
        where TOps : struct, IVectorOps<TVector>
        where TCopy : struct, IPanelCopy
    {
        int w = TOps.Count;
        TVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load)
        {
            c00 = TOps.Load(c); c01 = TOps.Load(c + w);
            c10 = TOps.Load(c + ldc); c11 = TOps.Load(c + ldc + w);
            c20 = TOps.Load(c + 2 * ldc); c21 = TOps.Load(c + 2 * ldc + w);
            c30 = TOps.Load(c + 3 * ldc); c31 = TOps.Load(c + 3 * ldc + w);
            c40 = TOps.Load(c + 4 * ldc); c41 = TOps.Load(c + 4 * ldc + w);
            c50 = TOps.Load(c + 5 * ldc); c51 = TOps.Load(c + 5 * ldc + w);
            c60 = TOps.Load(c + 6 * ldc); c61 = TOps.Load(c + 6 * ldc + w);
            c70 = TOps.Load(c + 7 * ldc); c71 = TOps.Load(c + 7 * ldc + w);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = default;
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = default;
        }

        for (float* end = a + (nint)k * Rows; a < end; a += Rows, b += ldb)
        {
            TVector b0 = TOps.Load(b), b1 = TOps.Load(b + w), x;
            if (TCopy.CopiesB)
            {
                TOps.Store(b0, panel); TOps.Store(b1, panel + w);
                panel += 2 * w;
            }
            x = TOps.Broadcast(a[0]); c00 = TOps.MultiplyAdd(x, b0, c00); c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(a[1]); c10 = TOps.MultiplyAdd(x, b0, c10); c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(a[2]); c20 = TOps.MultiplyAdd(x, b0, c20); c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(a[3]); c30 = TOps.MultiplyAdd(x, b0, c30); c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(a[4]); c40 = TOps.MultiplyAdd(x, b0, c40); c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(a[5]); c50 = TOps.MultiplyAdd(x, b0, c50); c51 = TOps.MultiplyAdd(x, b1, c51);
            x = TOps.Broadcast(a[6]); c60 = TOps.MultiplyAdd(x, b0, c60); c61 = TOps.MultiplyAdd(x, b1, c61);
            x = TOps.Broadcast(a[7]); c70 = TOps.MultiplyAdd(x, b0, c70); c71 = TOps.MultiplyAdd(x, b1, c71);
        }

        TOps.Store(c00, c); TOps.Store(c01, c + w);
        TOps.Store(c10, c + ldc); TOps.Store(c11, c + ldc + w);
        TOps.Store(c20, c + 2 * ldc); TOps.Store(c21, c + 2 * ldc + w);
        TOps.Store(c30, c + 3 * ldc); TOps.Store(c31, c + 3 * ldc + w);
        TOps.Store(c40, c + 4 * ldc); TOps.Store(c41, c + 4 * ldc + w);
        TOps.Store(c50, c + 5 * ldc); TOps.Store(c51, c + 5 * ldc + w);
        TOps.Store(c60, c + 6 * ldc); TOps.Store(c61, c + 6 * ldc + w);
        TOps.Store(c70, c + 7 * ldc); TOps.Store(c71, c + 7 * ldc + w);
    }

    /// <summary>8 x V tile (the column remainder and the packed tail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile1<TVector, TOps, TCopy>(float* a, float* b, nint ldb, float* panel, float* c, nint ldc, int k, bool load)
        where TVector : struct
        where TOps : struct, IVectorOps<TVector>
        where TCopy : struct, IPanelCopy
    {
        TVector c0, c1, c2, c3, c4, c5, c6, c7;
        if (load)
        {
            c0 = TOps.Load(c); c1 = TOps.Load(c + ldc);
            c2 = TOps.Load(c + 2 * ldc); c3 = TOps.Load(c + 3 * ldc);
            c4 = TOps.Load(c + 4 * ldc); c5 = TOps.Load(c + 5 * ldc);
            c6 = TOps.Load(c + 6 * ldc); c7 = TOps.Load(c + 7 * ldc);
        }
        else
        {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = default;
        }

        for (float* end = a + (nint)k * Rows; a < end; a += Rows, b += ldb)
        {
            TVector b0 = TOps.Load(b);
            if (TCopy.CopiesB)
            {
                TOps.Store(b0, panel);
                panel += TOps.Count;
            }
            c0 = TOps.MultiplyAdd(TOps.Broadcast(a[0]), b0, c0);
            c1 = TOps.MultiplyAdd(TOps.Broadcast(a[1]), b0, c1);
            c2 = TOps.MultiplyAdd(TOps.Broadcast(a[2]), b0, c2);
            c3 = TOps.MultiplyAdd(TOps.Broadcast(a[3]), b0, c3);
            c4 = TOps.MultiplyAdd(TOps.Broadcast(a[4]), b0, c4);
            c5 = TOps.MultiplyAdd(TOps.Broadcast(a[5]), b0, c5);
            c6 = TOps.MultiplyAdd(TOps.Broadcast(a[6]), b0, c6);
            c7 = TOps.MultiplyAdd(TOps.Broadcast(a[7]), b0, c7);
        }

        TOps.Store(c0, c); TOps.Store(c1, c + ldc); TOps.Store(c2, c + 2 * ldc); TOps.Store(c3, c + 3 * ldc);
        TOps.Store(c4, c + 4 * ldc); TOps.Store(c5, c + 5 * ldc); TOps.Store(c6, c + 6 * ldc); TOps.Store(c7, c + 7 * ldc);
    }

    /// <summary>
    /// <paramref name="rows"/> x <paramref name="width"/> tile with scalar FMAs, in the same per-element order as the
    /// vector tiles (the reference the vector kernels must match bit for bit, and the path on hardware without SIMD).
    /// </summary>
    public static void TileScalar(float* a, float* b, nint ldb, float* c, nint ldc, int k, bool load, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < width; j++)
            {
                float s = load ? c[r * ldc + j] : 0f;
                float* bj = b + j;
                for (int p = 0; p < k; p++, bj += ldb)
                    s = MathF.FusedMultiplyAdd(a[p * Rows + r], *bj, s);
                c[r * ldc + j] = s;
            }
        }
    }
}
