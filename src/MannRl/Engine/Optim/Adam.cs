using System.Runtime.Intrinsics;

namespace MannRl.Engine;

/// <summary>
/// Adam as PyTorch computes it (no weight decay, no amsgrad): m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
/// p ← p − (lr/(1−β1ᵗ)) · m / (sqrt(v)/sqrt(1−β2ᵗ) + eps).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly float[][] _expAvg, _expAvgSq;

    /// <summary>Creates the optimizer.</summary>
    public Adam(IReadOnlyList<Parameter> parameters, float lr, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
        : base(parameters, lr)
    {
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), $"Invalid beta1: {beta1}");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), $"Invalid beta2: {beta2}");
        Beta1 = beta1; Beta2 = beta2; Eps = eps;
        var state = MakeState(parameters, "exp_avg", "exp_avg_sq");
        State = state;
        _expAvg = Enumerable.Range(0, parameters.Count).Select(i => state[$"{i}.exp_avg"]).ToArray();
        _expAvgSq = Enumerable.Range(0, parameters.Count).Select(i => state[$"{i}.exp_avg_sq"]).ToArray();
    }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the denominator.</summary>
    public float Eps { get; }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, float[]> State { get; }

    private float _stepSize, _bc2Sqrt;

    /// <inheritdoc/>
    protected override void BeginStep()
    {
        // Two pow calls per step rather than per parameter: a measurable share of the logic step's 6 small tensors.
        double bc1 = 1 - Math.Pow(Beta1, Steps), bc2 = 1 - Math.Pow(Beta2, Steps);
        _stepSize = (float)(LearningRate / bc1);
        _bc2Sqrt = (float)Math.Sqrt(bc2);
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter p)
    {
        var m = _expAvg[index];
        var v = _expAvgSq[index];
        var g = p.Grad;
        var w = p.Value;
        float stepSize = _stepSize, bc2Sqrt = _bc2Sqrt, scale = GradientScale;
        bool clear = ClearGradients;
        float b1 = Beta1, b2 = Beta2, c1 = (float)(1 - (double)Beta1), c2 = (float)(1 - (double)Beta2), eps = Eps;
        int n = p.Length, j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // The same IEEE operations per element as the scalar tail (no fused multiply-add), so results do not
            // depend on the vector width.
            var vb1 = Vector512.Create(b1); var vb2 = Vector512.Create(b2); var vc1 = Vector512.Create(c1); var vc2 = Vector512.Create(c2);
            var veps = Vector512.Create(eps); var vbc2 = Vector512.Create(bc2Sqrt); var vstep = Vector512.Create(stepSize);
            var vscale = Vector512.Create(scale);
            for (; j <= n - Vector512<float>.Count; j += Vector512<float>.Count)
            {
                var gj = Vector512.LoadUnsafe(ref g[0], (nuint)j) * vscale; // g·1 = g when not clipping
                if (clear) Vector512<float>.Zero.StoreUnsafe(ref g[0], (nuint)j);
                var mj = Vector512.LoadUnsafe(ref m[0], (nuint)j) * vb1 + gj * vc1;
                var vj = Vector512.LoadUnsafe(ref v[0], (nuint)j) * vb2 + gj * gj * vc2;
                mj.StoreUnsafe(ref m[0], (nuint)j);
                vj.StoreUnsafe(ref v[0], (nuint)j);
                var denom = Vector512.Sqrt(vj) / vbc2 + veps;
                (Vector512.LoadUnsafe(ref w[0], (nuint)j) - vstep * (mj / denom)).StoreUnsafe(ref w[0], (nuint)j);
            }
        }
        for (; j < n; j++)
        {
            float gj = g[j] * scale;
            if (clear) g[j] = 0f;
            m[j] = m[j] * b1 + gj * c1;
            v[j] = v[j] * b2 + gj * gj * c2;
            float denom = MathF.Sqrt(v[j]) / bc2Sqrt + eps;
            w[j] -= stepSize * (m[j] / denom);
        }
    }
}
