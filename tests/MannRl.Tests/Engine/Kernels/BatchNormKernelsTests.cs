using MannRl.Engine;
using MannRl.Engine.Kernels;

namespace MannRl.Tests.Engine.Kernels;

/// <summary>
/// <see cref="BatchNormKernels"/>' blocks of 8 features against the scalar loops they must equal bit for bit (same
/// operations, same order, no fused multiply-add), for every feature count.
/// </summary>
public class BatchNormKernelsTests
{
    private const float Eps = 1e-5f;

    [Fact]
    public void TrainingForwardEqualsTheScalarLoopForEveryWidth()
    {
        foreach (int f in KernelCheck.LengthsUpTo1000)
        {
            foreach (int n in new[] { 1, 2, 16 })
            {
                var x = KernelCheck.RandomMatrix(n, f, seed: f * 7 + n);
                float[] gamma = KernelCheck.Random(f, seed: f + 1), beta = KernelCheck.Random(f, seed: f + 2);
                Matrix xhat = new(n, f), y = new(n, f);
                float[] mean = new float[f], variance = new float[f], invStd = new float[f];
                BatchNormKernels.TrainForward(x, xhat, y, gamma, beta, Eps, mean, variance, invStd);

                Matrix wantXhat = new(n, f), wantY = new(n, f);
                float[] wantMean = new float[f], wantVariance = new float[f], wantInvStd = new float[f];
                float invN = 1f / n;
                for (int j = 0; j < f; j++)
                {
                    float sum = 0f;
                    for (int r = 0; r < n; r++) sum += x[r, j];
                    float mu = sum * invN, sq = 0f;
                    for (int r = 0; r < n; r++)
                    {
                        float d = x[r, j] - mu;
                        wantXhat[r, j] = d;
                        sq = d * d + sq;
                    }
                    float v = sq * invN, inv = 1f / MathF.Sqrt(v + Eps);
                    (wantMean[j], wantVariance[j], wantInvStd[j]) = (mu, v, inv);
                    for (int r = 0; r < n; r++)
                    {
                        float h = wantXhat[r, j] * inv;
                        wantXhat[r, j] = h;
                        wantY[r, j] = h * gamma[j] + beta[j];
                    }
                }
                string what = $"training forward, {n}x{f}";
                KernelCheck.AssertBitEqual(wantMean, mean, what + ", mean");
                KernelCheck.AssertBitEqual(wantVariance, variance, what + ", variance");
                KernelCheck.AssertBitEqual(wantInvStd, invStd, what + ", invstd");
                KernelCheck.AssertBitEqual(KernelCheck.Values(wantXhat), KernelCheck.Values(xhat), what + ", x̂");
                KernelCheck.AssertBitEqual(KernelCheck.Values(wantY), KernelCheck.Values(y), what + ", y");
            }
        }
    }

    [Fact]
    public void EvaluationForwardEqualsTheScalarLoopForEveryWidth()
    {
        foreach (int f in KernelCheck.LengthsUpTo1000)
        {
            const int n = 3;
            var x = KernelCheck.RandomMatrix(n, f, seed: f);
            float[] gamma = KernelCheck.Random(f, seed: f + 1), beta = KernelCheck.Random(f, seed: f + 2);
            float[] runningMean = KernelCheck.Random(f, seed: f + 3), runningVar = KernelCheck.Random(f, seed: f + 4, 0.1f, 3f);
            Matrix xhat = new(n, f), y = new(n, f);
            float[] invStd = new float[f];
            BatchNormKernels.EvalForward(x, xhat, y, gamma, beta, Eps, runningMean, runningVar, invStd);

            Matrix wantXhat = new(n, f), wantY = new(n, f);
            float[] wantInvStd = new float[f];
            for (int j = 0; j < f; j++)
            {
                float inv = 1f / MathF.Sqrt(runningVar[j] + Eps);
                wantInvStd[j] = inv;
                for (int r = 0; r < n; r++)
                {
                    float h = (x[r, j] - runningMean[j]) * inv;
                    wantXhat[r, j] = h;
                    wantY[r, j] = h * gamma[j] + beta[j];
                }
            }
            KernelCheck.AssertBitEqual(wantInvStd, invStd, $"evaluation forward, {n}x{f}, invstd");
            KernelCheck.AssertBitEqual(KernelCheck.Values(wantXhat), KernelCheck.Values(xhat), $"evaluation forward, {n}x{f}, x̂");
            KernelCheck.AssertBitEqual(KernelCheck.Values(wantY), KernelCheck.Values(y), $"evaluation forward, {n}x{f}, y");
        }
    }

    [Fact]
    public void BackwardEqualsTheScalarLoopForEveryWidth()
    {
        foreach (int f in KernelCheck.LengthsUpTo1000)
        {
            foreach (bool training in new[] { true, false })
            {
                const int n = 5;
                var dy = KernelCheck.RandomMatrix(n, f, seed: f * 3 + 1);
                var xhat = KernelCheck.RandomMatrix(n, f, seed: f * 3 + 2);
                float[] gamma = KernelCheck.Random(f, seed: f + 5), invStd = KernelCheck.Random(f, seed: f + 6, 0.5f, 4f);
                float[] gammaGrad = KernelCheck.Random(f, seed: f + 7), betaGrad = KernelCheck.Random(f, seed: f + 8);
                float[] wantGammaGrad = (float[])gammaGrad.Clone(), wantBetaGrad = (float[])betaGrad.Clone();
                var dx = new Matrix(n, f);
                BatchNormKernels.Backward(dy, xhat, dx, training, gamma, invStd, gammaGrad, betaGrad);

                var wantDx = new Matrix(n, f);
                float invN = 1f / n, nf = n;
                for (int j = 0; j < f; j++)
                {
                    float s1 = 0f, s2 = 0f;
                    for (int r = 0; r < n; r++)
                    {
                        float g = dy[r, j];
                        s1 += g;
                        s2 = g * xhat[r, j] + s2;
                    }
                    wantGammaGrad[j] += s2;
                    wantBetaGrad[j] += s1;
                    float scale = gamma[j] * invStd[j];
                    if (training) scale *= invN;
                    for (int r = 0; r < n; r++)
                        wantDx[r, j] = training ? (nf * dy[r, j] - s1 - xhat[r, j] * s2) * scale : dy[r, j] * scale;
                }
                string what = $"backward ({(training ? "training" : "evaluation")}), {n}x{f}";
                KernelCheck.AssertBitEqual(wantGammaGrad, gammaGrad, what + ", γ gradient");
                KernelCheck.AssertBitEqual(wantBetaGrad, betaGrad, what + ", β gradient");
                KernelCheck.AssertBitEqual(KernelCheck.Values(wantDx), KernelCheck.Values(dx), what + ", dx");

                // Without dx only the parameter gradients are added.
                float[] again = (float[])betaGrad.Clone();
                BatchNormKernels.Backward(dy, xhat, null, training, gamma, invStd, new float[f], again);
                for (int j = 0; j < f; j++) wantBetaGrad[j] += SumColumn(dy, j);
                KernelCheck.AssertBitEqual(wantBetaGrad, again, what + ", β gradient without dx");
            }
        }
    }

    private static float SumColumn(Matrix m, int j)
    {
        float s = 0f;
        for (int r = 0; r < m.Rows; r++) s += m[r, j];
        return s;
    }
}
