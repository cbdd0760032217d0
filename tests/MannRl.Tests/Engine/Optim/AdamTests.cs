using MannRl.Engine;

namespace MannRl.Tests.Engine.Optim;

/// <summary>Adam's update against PyTorch's formula written out per element, early in a run and late in it.</summary>
public class AdamTests
{
    // PyTorch's single-tensor Adam (no weight decay, no amsgrad), one element at a time, float32 throughout.
    private static void Reference(float[] w, float[] m, float[] v, float[] g, float lr, long step)
    {
        const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        float stepSize = (float)(lr / (1 - Math.Pow(b1, step)));
        float bc2Sqrt = (float)Math.Sqrt(1 - Math.Pow(b2, step));
        for (int j = 0; j < w.Length; j++)
        {
            m[j] = m[j] * b1 + g[j] * (1 - b1);
            v[j] = v[j] * b2 + g[j] * g[j] * (float)(1 - (double)b2);
            w[j] -= stepSize * (m[j] / (MathF.Sqrt(v[j]) / bc2Sqrt + eps));
        }
    }

    [Theory]
    [InlineData(0L)] // the first steps: the bias correction divides
    [InlineData(16_000L)] // 1 - beta2^t's root crosses to exactly 1f on the way
    [InlineData(40_000L)] // late: the root is 1f and the division is skipped
    public void StepsMatchTheFormulaBitForBit(long startStep)
    {
        const int length = 53; // three 16-wide vectors and a tail
        var rng = new Rng(11);
        var p = new Parameter("w", length);
        foreach (ref float x in p.Values) x = rng.Uniform(-1, 1);
        var adam = new Adam([p], 1e-3f) { Steps = startStep };
        float[] w = p.Values.ToArray(), m = new float[length], v = new float[length];
        for (int step = 1; step <= 1_000; step++)
        {
            var g = new float[length];
            for (int j = 0; j < length; j++) g[j] = rng.Uniform(-1, 1) * (j % 5 == 0 ? 1e-3f : 1f);
            g.CopyTo(p.Gradient);
            adam.Step();
            Reference(w, m, v, g, 1e-3f, startStep + step);
        }
        Assert.Equal(w, p.Values.ToArray());
        Assert.Equal(m, adam.State["0.exp_avg"].AsSpan(0, length).ToArray());
        Assert.Equal(v, adam.State["0.exp_avg_sq"].AsSpan(0, length).ToArray());
    }
}
