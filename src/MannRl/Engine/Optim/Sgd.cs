namespace MannRl.Engine;

/// <summary>Plain stochastic gradient descent: p ← p − lr·g.</summary>
public sealed class Sgd(IReadOnlyList<Parameter> parameters, float lr) : Optimizer(parameters, lr)
{
    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, float[]> State { get; } = new Dictionary<string, float[]>();

    /// <inheritdoc/>
    protected override void Update(int index, Parameter p)
    {
        if (GradientScale != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(p.Gradient, GradientScale, p.Gradient);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(p.Gradient, -LearningRate, p.Values, p.Values); // w + (−lr)·g
        if (ClearGradients) p.ZeroGrad();
    }
}
