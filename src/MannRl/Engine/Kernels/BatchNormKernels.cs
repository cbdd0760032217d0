using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MannRl.Engine.Kernels;

/// <summary>
/// BatchNorm1d's loops, one pass per block of 8 features down all rows, with the statistics kept in registers. The
/// per-row library calls they replace cost more than their arithmetic at these widths (16 or 128 rows of 48-475
/// features: five calls per row). Every element sees the same IEEE operations in the same order as before (sums over
/// rows from 0 in row order, no fused multiply-add), so the results are bit-identical.
/// </summary>
internal static class BatchNormKernels
{
    private const int Lanes = 8;

    /// <summary>
    /// Training forward: batch mean and biased variance per feature, x̂ = (x − mean)·invstd, y = x̂·γ + β. Writes the
    /// mean, variance and invstd of each feature.
    /// </summary>
    public static void TrainForward(Matrix x, Matrix xhat, Matrix y, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps,
        Span<float> mean, Span<float> variance, Span<float> invStd)
    {
        int n = x.Rows, f = x.Cols, j = 0;
        float invN = 1f / n;
        if (Vector256.IsHardwareAccelerated)
        {
            var vInvN = Vector256.Create(invN);
            var vEps = Vector256.Create(eps);
            for (; j <= f - Lanes; j += Lanes)
            {
                var sum = Vector256<float>.Zero;
                for (int r = 0; r < n; r++) sum += Load(x, r, j);
                var mu = sum * vInvN;
                var sq = Vector256<float>.Zero;
                for (int r = 0; r < n; r++)
                {
                    var d = Load(x, r, j) - mu;
                    Store(d, xhat, r, j);
                    sq = d * d + sq;
                }
                var v = sq * vInvN;
                var inv = Vector256<float>.One / Vector256.Sqrt(v + vEps);
                mu.StoreUnsafe(ref mean[j]);
                v.StoreUnsafe(ref variance[j]);
                inv.StoreUnsafe(ref invStd[j]);
                var g = Vector256.LoadUnsafe(in gamma[j]);
                var b = Vector256.LoadUnsafe(in beta[j]);
                for (int r = 0; r < n; r++)
                {
                    var h = Load(xhat, r, j) * inv;
                    Store(h, xhat, r, j);
                    Store(h * g + b, y, r, j);
                }
            }
        }
        for (; j < f; j++)
        {
            float sum = 0f;
            for (int r = 0; r < n; r++) sum += x[r, j];
            float mu = sum * invN;
            float sq = 0f;
            for (int r = 0; r < n; r++)
            {
                float d = x[r, j] - mu;
                xhat[r, j] = d;
                sq = d * d + sq;
            }
            float v = sq * invN;
            float inv = 1f / MathF.Sqrt(v + eps);
            mean[j] = mu;
            variance[j] = v;
            invStd[j] = inv;
            for (int r = 0; r < n; r++)
            {
                float h = xhat[r, j] * inv;
                xhat[r, j] = h;
                y[r, j] = h * gamma[j] + beta[j];
            }
        }
    }

    /// <summary>Evaluation forward with the running statistics: x̂ = (x − mean)·invstd, y = x̂·γ + β; writes invstd.</summary>
    public static void EvalForward(Matrix x, Matrix xhat, Matrix y, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVar, Span<float> invStd)
    {
        int n = x.Rows, f = x.Cols, j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vEps = Vector256.Create(eps);
            for (; j <= f - Lanes; j += Lanes)
            {
                var mu = Vector256.LoadUnsafe(in runningMean[j]);
                var inv = Vector256<float>.One / Vector256.Sqrt(Vector256.LoadUnsafe(in runningVar[j]) + vEps);
                inv.StoreUnsafe(ref invStd[j]);
                var g = Vector256.LoadUnsafe(in gamma[j]);
                var b = Vector256.LoadUnsafe(in beta[j]);
                for (int r = 0; r < n; r++)
                {
                    var h = (Load(x, r, j) - mu) * inv;
                    Store(h, xhat, r, j);
                    Store(h * g + b, y, r, j);
                }
            }
        }
        for (; j < f; j++)
        {
            float mu = runningMean[j];
            float inv = 1f / MathF.Sqrt(runningVar[j] + eps);
            invStd[j] = inv;
            for (int r = 0; r < n; r++)
            {
                float h = (x[r, j] - mu) * inv;
                xhat[r, j] = h;
                y[r, j] = h * gamma[j] + beta[j];
            }
        }
    }

    /// <summary>
    /// Backward: adds Σdy·x̂ to γ's gradient and Σdy to β's; when <paramref name="dx"/> is given writes the input
    /// gradient, dx = γ·invstd/n · (n·dy − Σdy − x̂·Σ(dy·x̂)) after a training forward, dy·γ·invstd after an eval one.
    /// </summary>
    public static void Backward(Matrix dy, Matrix xhat, Matrix? dx, bool training, ReadOnlySpan<float> gamma, ReadOnlySpan<float> invStd,
        Span<float> gammaGrad, Span<float> betaGrad)
    {
        int n = dy.Rows, f = dy.Cols, j = 0;
        float invN = 1f / n, nf = n;
        if (Vector256.IsHardwareAccelerated)
        {
            var vInvN = Vector256.Create(invN);
            var vN = Vector256.Create(nf);
            for (; j <= f - Lanes; j += Lanes)
            {
                var s1 = Vector256<float>.Zero;
                var s2 = Vector256<float>.Zero;
                for (int r = 0; r < n; r++)
                {
                    var g = Load(dy, r, j);
                    s1 += g;
                    s2 = g * Load(xhat, r, j) + s2;
                }
                (Vector256.LoadUnsafe(ref gammaGrad[j]) + s2).StoreUnsafe(ref gammaGrad[j]);
                (Vector256.LoadUnsafe(ref betaGrad[j]) + s1).StoreUnsafe(ref betaGrad[j]);
                if (dx is null) continue;
                var scale = Vector256.LoadUnsafe(in gamma[j]) * Vector256.LoadUnsafe(in invStd[j]);
                if (training)
                {
                    scale *= vInvN;
                    for (int r = 0; r < n; r++)
                        Store((vN * Load(dy, r, j) - s1 - Load(xhat, r, j) * s2) * scale, dx, r, j);
                }
                else
                {
                    for (int r = 0; r < n; r++) Store(Load(dy, r, j) * scale, dx, r, j);
                }
            }
        }
        for (; j < f; j++)
        {
            float s1 = 0f, s2 = 0f;
            for (int r = 0; r < n; r++)
            {
                float g = dy[r, j];
                s1 += g;
                s2 = g * xhat[r, j] + s2;
            }
            gammaGrad[j] += s2;
            betaGrad[j] += s1;
            if (dx is null) continue;
            float scale = gamma[j] * invStd[j];
            if (training)
            {
                scale *= invN;
                for (int r = 0; r < n; r++) dx[r, j] = (nf * dy[r, j] - s1 - xhat[r, j] * s2) * scale;
            }
            else
            {
                for (int r = 0; r < n; r++) dx[r, j] = dy[r, j] * scale;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(Matrix m, int row, int col) => Vector256.LoadUnsafe(ref m[row, col]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> v, Matrix m, int row, int col) => v.StoreUnsafe(ref m[row, col]);
}
