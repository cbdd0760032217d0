using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MannRl.Engine.Kernels;

/// <summary>
/// Matrix transpose, the cost every Linear pays after each optimizer step to refresh its cached Wᵀ: for the
/// 1,024-8,192-wide nets it is as large as a product. 8 x 8 blocks are transposed in AVX registers; edges
/// element by element.
/// </summary>
public static class Transpose
{
    /// <summary>dst (cols x rows, row-major) = src (rows x cols, row-major)ᵀ.</summary>
    public static unsafe void Run(ReadOnlySpan<float> src, int rows, int cols, Span<float> dst)
    {
        if (src.Length < rows * cols || dst.Length < rows * cols)
            throw new ArgumentException($"transpose of {rows}x{cols}: spans hold {src.Length} and {dst.Length} values");
        int r8 = Avx.IsSupported ? rows & ~7 : 0, c8 = Avx.IsSupported ? cols & ~7 : 0;
        fixed (float* s = src, d = dst)
        {
            for (int r = 0; r < r8; r += 8)
                for (int c = 0; c < c8; c += 8)
                    Block8(s + r * cols + c, cols, d + c * rows + r, rows);
            // Edges: the last rows % 8 rows, and the last cols % 8 columns of the blocked rows.
            for (int r = 0; r < rows; r++)
            {
                int from = r < r8 ? c8 : 0;
                for (int c = from; c < cols; c++) d[c * rows + r] = s[r * cols + c];
            }
        }
    }

    /// <summary>Transposes the 8 x 8 block at <paramref name="s"/> (row stride <paramref name="ls"/>) to <paramref name="d"/> (row stride <paramref name="ld"/>); needs AVX.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Block8(float* s, int ls, float* d, int ld)
    {
        var r0 = Avx.LoadVector256(s); var r1 = Avx.LoadVector256(s + ls);
        var r2 = Avx.LoadVector256(s + 2 * ls); var r3 = Avx.LoadVector256(s + 3 * ls);
        var r4 = Avx.LoadVector256(s + 4 * ls); var r5 = Avx.LoadVector256(s + 5 * ls);
        var r6 = Avx.LoadVector256(s + 6 * ls); var r7 = Avx.LoadVector256(s + 7 * ls);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + ld, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2 * ld, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + 3 * ld, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4 * ld, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + 5 * ld, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6 * ld, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + 7 * ld, Avx.Permute2x128(u3, u7, 0x31));
    }
}
