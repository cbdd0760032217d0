using System.Runtime.Intrinsics;
using MannRl.Engine.Parallel;

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
    protected override unsafe void Update(int index, Parameter p)
    {
        fixed (float* g = p.Grad, w = p.Value, m = _expAvg[index], v = _expAvgSq[index])
        {
            var job = new UpdateJob
            {
                G = g,
                W = w,
                M = m,
                V = v,
                StepSize = _stepSize,
                Bc2Sqrt = _bc2Sqrt,
                Scale = GradientScale,
                Clear = ClearGradients,
                B1 = Beta1,
                B2 = Beta2,
                C1 = (float)(1 - (double)Beta1),
                C2 = (float)(1 - (double)Beta2),
                Eps = Eps,
            };
            ElementwiseTasks.Run(Compute, &RunRange, &job, p.Length);
        }
    }

    private unsafe struct UpdateJob
    {
        public float* G, W, M, V;
        public float StepSize, Bc2Sqrt, Scale, B1, B2, C1, C2, Eps;
        public bool Clear;
    }

    // Elements [start, end) of one parameter; each element's operations do not depend on how the range is cut.
    private static unsafe void RunRange(void* state, int start, int end)
    {
        ref var s = ref *(UpdateJob*)state;
        float* g = s.G, w = s.W, m = s.M, v = s.V;
        // The square root of 1 - beta2^t rounds to 1f after about 16,600 steps (beta2 = 0.999), and x / 1 = x exactly:
        // one of the two divisions is skipped for nearly all of a long run, with the same bits.
        bool divide = s.Bc2Sqrt != 1f;
        int j = start;
        if (Vector512.IsHardwareAccelerated)
        {
            // The same IEEE operations per element as the scalar tail (no fused multiply-add), so results do not
            // depend on the vector width.
            var vb1 = Vector512.Create(s.B1); var vb2 = Vector512.Create(s.B2); var vc1 = Vector512.Create(s.C1); var vc2 = Vector512.Create(s.C2);
            var veps = Vector512.Create(s.Eps); var vbc2 = Vector512.Create(s.Bc2Sqrt); var vstep = Vector512.Create(s.StepSize);
            var vscale = Vector512.Create(s.Scale);
            for (; j <= end - Vector512<float>.Count; j += Vector512<float>.Count)
            {
                var gj = Vector512.Load(g + j) * vscale; // g·1 = g when not clipping
                if (s.Clear) Vector512<float>.Zero.Store(g + j);
                var mj = Vector512.Load(m + j) * vb1 + gj * vc1;
                var vj = Vector512.Load(v + j) * vb2 + gj * gj * vc2;
                mj.Store(m + j);
                vj.Store(v + j);
                var root = Vector512.Sqrt(vj);
                if (divide) root /= vbc2;
                var denom = root + veps;
                (Vector512.Load(w + j) - vstep * (mj / denom)).Store(w + j);
            }
        }
        for (; j < end; j++)
        {
            float gj = g[j] * s.Scale;
            if (s.Clear) g[j] = 0f;
            m[j] = m[j] * s.B1 + gj * s.C1;
            v[j] = v[j] * s.B2 + gj * gj * s.C2;
            float root = MathF.Sqrt(v[j]);
            if (divide) root /= s.Bc2Sqrt;
            float denom = root + s.Eps;
            w[j] -= s.StepSize * (m[j] / denom);
        }
    }
}
