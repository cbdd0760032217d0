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
        float a = Alpha, c = (float)(1 - (double)Alpha), lr = LearningRate, eps = Eps;
        for (int j = 0; j < p.Length; j++)
        {
            float gj = g[j];
            s[j] = s[j] * a + gj * gj * c;
            w[j] -= lr * (gj / (MathF.Sqrt(s[j]) + eps));
        }
    }
}
