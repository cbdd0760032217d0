using MannRl.Engine;

namespace MannRl.Tests.Engine.Optim;

/// <summary>
/// The optimizers' update passes (vectors, scalar tail, ranges on helper threads) against their scalar formula per
/// element, bit for bit, for every parameter length, with and without a clipping factor and gradient clearing.
/// </summary>
[Collection("Gemm threads")]
public class OptimizerKernelTests
{
    /// <summary>Every length 0..256 and large ones; 70,000 values are split over two threads.</summary>
    private static IEnumerable<int> Lengths => KernelCheck.Lengths.Append(70_000);

    [Fact]
    public void AdamEqualsItsScalarFormulaForEveryLength()
    {
        foreach (int n in Lengths)
        {
            foreach (long startStep in new[] { 0L, 40_000L }) // dividing by the bias correction's root, and skipping it
            {
                var (p, g, scale, clear, w) = Setup(n, seed: (int)startStep + n);
                var adam = new Adam([p], 1e-3f) { Steps = startStep, Compute = ComputeFor(n) };
                float[] m = KernelCheck.Random(n, seed: n + 10, -0.1f, 0.1f), v = KernelCheck.Random(n, seed: n + 11, 0f, 0.01f);
                m.CopyTo(adam.State["0.exp_avg"], 0);
                v.CopyTo(adam.State["0.exp_avg_sq"], 0);
                adam.Step(scale, clear);

                long t = startStep + 1;
                float stepSize = (float)(1e-3f / (1 - Math.Pow(0.9f, t))), bc2Sqrt = (float)Math.Sqrt(1 - Math.Pow(0.999f, t));
                float c1 = (float)(1 - (double)0.9f), c2 = (float)(1 - (double)0.999f);
                for (int j = 0; j < n; j++)
                {
                    float gj = g[j] * scale;
                    m[j] = m[j] * 0.9f + gj * c1;
                    v[j] = v[j] * 0.999f + gj * gj * c2;
                    float root = MathF.Sqrt(v[j]);
                    if (bc2Sqrt != 1f) root /= bc2Sqrt;
                    w[j] -= stepSize * (m[j] / (root + 1e-8f));
                }
                string what = $"Adam, {n} values from step {startStep}, scale {scale}";
                KernelCheck.AssertBitEqual(w, p.Values, what + ", weights");
                KernelCheck.AssertBitEqual(m, adam.State["0.exp_avg"].AsSpan(0, n), what + ", exp_avg");
                KernelCheck.AssertBitEqual(v, adam.State["0.exp_avg_sq"].AsSpan(0, n), what + ", exp_avg_sq");
                KernelCheck.AssertBitEqual(clear ? new float[n] : g, p.Gradient, what + ", gradient left");
            }
        }
    }

    [Fact]
    public void RmsPropEqualsItsScalarFormulaForEveryLength()
    {
        foreach (int n in Lengths)
        {
            var (p, g, scale, clear, w) = Setup(n, seed: n);
            var rmsProp = new RmsProp([p], 1e-4f) { Compute = ComputeFor(n) };
            float[] s = KernelCheck.Random(n, seed: n + 10, 0f, 0.01f);
            s.CopyTo(rmsProp.State["0.square_avg"], 0);
            rmsProp.Step(scale, clear);

            float a = 0.99f, c = (float)(1 - (double)0.99f);
            for (int j = 0; j < n; j++)
            {
                float gj = g[j] * scale;
                s[j] = s[j] * a + gj * gj * c;
                w[j] -= 1e-4f * (gj / (MathF.Sqrt(s[j]) + 1e-8f));
            }
            string what = $"RMSprop, {n} values, scale {scale}";
            KernelCheck.AssertBitEqual(w, p.Values, what + ", weights");
            KernelCheck.AssertBitEqual(s, rmsProp.State["0.square_avg"].AsSpan(0, n), what + ", square_avg");
            KernelCheck.AssertBitEqual(clear ? new float[n] : g, p.Gradient, what + ", gradient left");
        }
    }

    [Fact]
    public void SgdEqualsItsScalarFormulaForEveryLength()
    {
        foreach (int n in Lengths)
        {
            var (p, g, scale, clear, w) = Setup(n, seed: n);
            new Sgd([p], 0.01f).Step(scale, clear);
            for (int j = 0; j < n; j++) w[j] = g[j] * scale * -0.01f + w[j];
            string what = $"SGD, {n} values, scale {scale}";
            KernelCheck.AssertBitEqual(w, p.Values, what + ", weights");
            KernelCheck.AssertBitEqual(clear ? new float[n] : g, p.Gradient, what + ", gradient left");
        }
    }

    private static Compute ComputeFor(int n) => n >= 70_000 ? new Compute(2) : Compute.SingleThread;

    /// <summary>
    /// A parameter of <paramref name="n"/> random values and gradients, and the step's settings by n mod 4: a clipping
    /// factor below 1 or none, gradients cleared as they are read or left as they were.
    /// </summary>
    private static (Parameter P, float[] G, float Scale, bool Clear, float[] W) Setup(int n, int seed)
    {
        var p = new Parameter("w", n);
        p.Load(KernelCheck.Random(n, seed, -1f, 1f));
        float[] g = KernelCheck.Random(n, seed + 1, -1f, 1f);
        g.CopyTo(p.Gradient);
        return (p, g, n % 2 == 1 ? 0.37f : 1f, n % 4 >= 2, p.Values.ToArray());
    }
}
