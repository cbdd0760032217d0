using System.Runtime.Intrinsics;

namespace MannRl.Engine;

/// <summary>
/// RMSprop as PyTorch computes it (no momentum, not centred): s ← α·s + (1−α)·g², p ← p − lr·g/(sqrt(s) + eps).
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly float[][] _squareAvg;

    /// <summary>Creates the optimizer.</summary>
    public RmsProp(IReadOnlyList<Parameter> parameters, float lr, float alpha = 0.99f, float eps = 1e-8f)
        : base(parameters, lr)
    {
        if (alpha is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(alpha), $"Invalid alpha: {alpha}");
        Alpha = alpha; Eps = eps;
        var state = MakeState(parameters, "square_avg");
        State = state;
        _squareAvg = Enumerable.Range(0, parameters.Count).Select(i => state[$"{i}.square_avg"]).ToArray();
    }

    /// <summary>Decay of the squared-gradient average.</summary>
    public float Alpha { get; }

    /// <summary>Added to the denominator.</summary>
    public float Eps { get; }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, float[]> State { get; }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter p)
    {
        var s = _squareAvg[index];
        var g = p.Grad;
        var w = p.Value;
        float a = Alpha, c = (float)(1 - (double)Alpha), lr = LearningRate, eps = Eps, scale = GradientScale;
        bool clear = ClearGradients;
        int n = p.Length, j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Same IEEE operations per element as the scalar tail, so results do not depend on the vector width.
            var va = Vector512.Create(a); var vc = Vector512.Create(c); var vlr = Vector512.Create(lr); var veps = Vector512.Create(eps);
            var vscale = Vector512.Create(scale);
            for (; j <= n - Vector512<float>.Count; j += Vector512<float>.Count)
            {
                var gj = Vector512.LoadUnsafe(ref g[0], (nuint)j) * vscale; // g·1 = g when not clipping
                if (clear) Vector512<float>.Zero.StoreUnsafe(ref g[0], (nuint)j);
                var sj = Vector512.LoadUnsafe(ref s[0], (nuint)j) * va + gj * gj * vc;
                sj.StoreUnsafe(ref s[0], (nuint)j);
                (Vector512.LoadUnsafe(ref w[0], (nuint)j) - vlr * (gj / (Vector512.Sqrt(sj) + veps))).StoreUnsafe(ref w[0], (nuint)j);
            }
        }
        for (; j < n; j++)
        {
            float gj = g[j] * scale;
            if (clear) g[j] = 0f;
            s[j] = s[j] * a + gj * gj * c;
            w[j] -= lr * (gj / (MathF.Sqrt(s[j]) + eps));
        }
    }
}
