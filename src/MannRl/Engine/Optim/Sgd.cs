namespace MannRl.Engine;

/// <summary>Plain stochastic gradient descent: p ← p − lr·g.</summary>
public sealed class Sgd(IReadOnlyList<Parameter> parameters, float lr) : Optimizer(parameters, lr)
{
    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, float[]> State { get; } = new Dictionary<string, float[]>();

    /// <inheritdoc/>
    protected override void Update(int index, Parameter p)
    {
        var g = p.Grad;
        var w = p.Value;
        float lr = LearningRate;
        for (int j = 0; j < p.Length; j++) w[j] -= lr * g[j];
    }
}
