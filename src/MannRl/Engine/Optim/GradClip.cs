namespace MannRl.Engine;

/// <summary>PyTorch's clip_grad_norm_: global L2 norm over all gradients, scaled by max/(norm + 1e-6) when that is below 1.</summary>
public static class GradClip
{
    /// <summary>Clips in place and returns the total norm before clipping.</summary>
    public static float ClipGradNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        float coef = CoefficientAndNorm(parameters, maxNorm, out float total);
        if (coef < 1f)
            for (int i = 0; i < parameters.Count; i++) System.Numerics.Tensors.TensorPrimitives.Multiply(parameters[i].Gradient, coef, parameters[i].Gradient);
        return total;
    }

    /// <summary>
    /// The factor <see cref="ClipGradNorm"/> would multiply the gradients by (1 when it leaves them), for
    /// <see cref="Optimizer.Step(float, bool)"/> to apply in its own pass.
    /// </summary>
    public static float Coefficient(IReadOnlyList<Parameter> parameters, float maxNorm) => CoefficientAndNorm(parameters, maxNorm, out _);

    private static float CoefficientAndNorm(IReadOnlyList<Parameter> parameters, float maxNorm, out float total)
    {
        double sq = 0;
        // Indexed loops: foreach over an IReadOnlyList allocates an enumerator on every step.
        for (int i = 0; i < parameters.Count; i++) sq += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(parameters[i].Gradient);
        total = (float)Math.Sqrt(sq);
        float coef = maxNorm / (total + 1e-6f);
        return coef < 1f ? coef : 1f;
    }
}
