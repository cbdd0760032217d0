using System.Numerics.Tensors;

namespace MannRl.Engine;

/// <summary>Plain stochastic gradient descent: p ← p − lr·g.</summary>
public sealed class Sgd(IReadOnlyList<Parameter> parameters, float lr) : Optimizer(parameters, lr)
{
    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, float[]> State { get; } = new Dictionary<string, float[]>();

    /// <inheritdoc/>
    protected override void Update(int index, Parameter p)
    {
        var g = p.Gradient;
        var w = p.Values;
        float step = -LearningRate, scale = GradientScale;
        if (scale == 1f) TensorPrimitives.MultiplyAdd(g, step, w, w); // w + (−lr)·g
        else
        {
            // The clipped gradient g·scale formed per element, as if the gradients had been scaled first; the stored
            // gradients stay as they are (the Step contract).
            for (int j = 0; j < w.Length; j++) w[j] = g[j] * scale * step + w[j];
        }
        if (ClearGradients) p.ZeroGrad();
    }
}
