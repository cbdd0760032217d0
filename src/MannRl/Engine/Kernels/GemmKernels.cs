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
/// <see cref="MathF.FusedMultiplyAdd"/> in a scalar loop, so all kernel families give bit-identical results.
/// </summary>
internal static unsafe class GemmKernels
{
    /// <summary>Rows of C per micro-tile: 8 rows x 2 vectors = 16 accumulators, half the AVX-512 register file.</summary>
    public const int Rows = 8;

    /// <summary>8 x 32 tile with 16-lane vectors: per k step 2 loads of B, 8 broadcasts of A, 16 FMAs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile512x2<TCopy>(float* a, float* b, nint ldb, float* panel, float* c, nint ldc, int k, bool load)
        where TCopy : struct, IPanelCopy
    {
        Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load)
        {
            c00 = Vector512.Load(c); c01 = Vector512.Load(c + 16);
            c10 = Vector512.Load(c + ldc); c11 = Vector512.Load(c + ldc + 16);
            c20 = Vector512.Load(c + 2 * ldc); c21 = Vector512.Load(c + 2 * ldc + 16);
            c30 = Vector512.Load(c + 3 * ldc); c31 = Vector512.Load(c + 3 * ldc + 16);
            c40 = Vector512.Load(c + 4 * ldc); c41 = Vector512.Load(c + 4 * ldc + 16);
            c50 = Vector512.Load(c + 5 * ldc); c51 = Vector512.Load(c + 5 * ldc + 16);
            c60 = Vector512.Load(c + 6 * ldc); c61 = Vector512.Load(c + 6 * ldc + 16);
            c70 = Vector512.Load(c + 7 * ldc); c71 = Vector512.Load(c + 7 * ldc + 16);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector512<float>.Zero;
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector512<float>.Zero;
        }

        for (float* end = a + (nint)k * Rows; a < end; a += Rows, b += ldb)
        {
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16), x;
            if (TCopy.CopiesB)
            {
                b0.Store(panel); b1.Store(panel + 16);
                panel += 32;
            }
            x = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6]); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7]); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
        }

        c00.Store(c); c01.Store(c + 16);
        c10.Store(c + ldc); c11.Store(c + ldc + 16);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 16);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 16);
        c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 16);
        c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 16);
        c60.Store(c + 6 * ldc); c61.Store(c + 6 * ldc + 16);
        c70.Store(c + 7 * ldc); c71.Store(c + 7 * ldc + 16);
    }

    /// <summary>8 x 16 tile with 16-lane vectors (the column remainder and the packed tail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile512x1<TCopy>(float* a, float* b, nint ldb, float* panel, float* c, nint ldc, int k, bool load)
        where TCopy : struct, IPanelCopy
    {
        Vector512<float> c0, c1, c2, c3, c4, c5, c6, c7;
        if (load)
        {
            c0 = Vector512.Load(c); c1 = Vector512.Load(c + ldc);
            c2 = Vector512.Load(c + 2 * ldc); c3 = Vector512.Load(c + 3 * ldc);
            c4 = Vector512.Load(c + 4 * ldc); c5 = Vector512.Load(c + 5 * ldc);
            c6 = Vector512.Load(c + 6 * ldc); c7 = Vector512.Load(c + 7 * ldc);
        }
        else
        {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Vector512<float>.Zero;
        }

        for (float* end = a + (nint)k * Rows; a < end; a += Rows, b += ldb)
        {
            Vector512<float> b0 = Vector512.Load(b);
            if (TCopy.CopiesB)
            {
                b0.Store(panel);
                panel += 16;
            }
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), b0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[1]), b0, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[2]), b0, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[3]), b0, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[4]), b0, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[5]), b0, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a[6]), b0, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a[7]), b0, c7);
        }

        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
        c4.Store(c + 4 * ldc); c5.Store(c + 5 * ldc); c6.Store(c + 6 * ldc); c7.Store(c + 7 * ldc);
    }

    /// <summary>8 x 16 tile with 8-lane vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile256x2<TCopy>(float* a, float* b, nint ldb, float* panel, float* c, nint ldc, int k, bool load)
        where TCopy : struct, IPanelCopy
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load)
        {
            c00 = Vector256.Load(c); c01 = Vector256.Load(c + 8);
            c10 = Vector256.Load(c + ldc); c11 = Vector256.Load(c + ldc + 8);
            c20 = Vector256.Load(c + 2 * ldc); c21 = Vector256.Load(c + 2 * ldc + 8);
            c30 = Vector256.Load(c + 3 * ldc); c31 = Vector256.Load(c + 3 * ldc + 8);
            c40 = Vector256.Load(c + 4 * ldc); c41 = Vector256.Load(c + 4 * ldc + 8);
            c50 = Vector256.Load(c + 5 * ldc); c51 = Vector256.Load(c + 5 * ldc + 8);
            c60 = Vector256.Load(c + 6 * ldc); c61 = Vector256.Load(c + 6 * ldc + 8);
            c70 = Vector256.Load(c + 7 * ldc); c71 = Vector256.Load(c + 7 * ldc + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector256<float>.Zero;
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector256<float>.Zero;
        }

        for (float* end = a + (nint)k * Rows; a < end; a += Rows, b += ldb)
        {
            Vector256<float> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 8), x;
            if (TCopy.CopiesB)
            {
                b0.Store(panel); b1.Store(panel + 8);
                panel += 16;
            }
            x = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]); c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]); c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            x = Vector256.Create(a[6]); c60 = Vector256.FusedMultiplyAdd(x, b0, c60); c61 = Vector256.FusedMultiplyAdd(x, b1, c61);
            x = Vector256.Create(a[7]); c70 = Vector256.FusedMultiplyAdd(x, b0, c70); c71 = Vector256.FusedMultiplyAdd(x, b1, c71);
        }

        c00.Store(c); c01.Store(c + 8);
        c10.Store(c + ldc); c11.Store(c + ldc + 8);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 8);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 8);
        c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 8);
        c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 8);
        c60.Store(c + 6 * ldc); c61.Store(c + 6 * ldc + 8);
        c70.Store(c + 7 * ldc); c71.Store(c + 7 * ldc + 8);
    }

    /// <summary>8 x 8 tile with 8-lane vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile256x1<TCopy>(float* a, float* b, nint ldb, float* panel, float* c, nint ldc, int k, bool load)
        where TCopy : struct, IPanelCopy
    {
        Vector256<float> c0, c1, c2, c3, c4, c5, c6, c7;
        if (load)
        {
            c0 = Vector256.Load(c); c1 = Vector256.Load(c + ldc);
            c2 = Vector256.Load(c + 2 * ldc); c3 = Vector256.Load(c + 3 * ldc);
            c4 = Vector256.Load(c + 4 * ldc); c5 = Vector256.Load(c + 5 * ldc);
            c6 = Vector256.Load(c + 6 * ldc); c7 = Vector256.Load(c + 7 * ldc);
        }
        else
        {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Vector256<float>.Zero;
        }

        for (float* end = a + (nint)k * Rows; a < end; a += Rows, b += ldb)
        {
            Vector256<float> b0 = Vector256.Load(b);
            if (TCopy.CopiesB)
            {
                b0.Store(panel);
                panel += 8;
            }
            c0 = Vector256.FusedMultiplyAdd(Vector256.Create(a[0]), b0, c0);
            c1 = Vector256.FusedMultiplyAdd(Vector256.Create(a[1]), b0, c1);
            c2 = Vector256.FusedMultiplyAdd(Vector256.Create(a[2]), b0, c2);
            c3 = Vector256.FusedMultiplyAdd(Vector256.Create(a[3]), b0, c3);
            c4 = Vector256.FusedMultiplyAdd(Vector256.Create(a[4]), b0, c4);
            c5 = Vector256.FusedMultiplyAdd(Vector256.Create(a[5]), b0, c5);
            c6 = Vector256.FusedMultiplyAdd(Vector256.Create(a[6]), b0, c6);
            c7 = Vector256.FusedMultiplyAdd(Vector256.Create(a[7]), b0, c7);
        }

        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
        c4.Store(c + 4 * ldc); c5.Store(c + 5 * ldc); c6.Store(c + 6 * ldc); c7.Store(c + 7 * ldc);
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
