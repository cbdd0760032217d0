namespace MannRl.Engine;

/// <summary>PyTorch's clip_grad_norm_: global L2 norm over all gradients, scaled by max/(norm + 1e-6) when that is below 1.</summary>
public static class GradClip
{
    /// <summary>Clips in place and returns the total norm before clipping.</summary>
    public static float ClipGradNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        double sq = 0;
        foreach (var p in parameters) sq += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(p.Gradient);
        float total = (float)Math.Sqrt(sq);
        float coef = maxNorm / (total + 1e-6f);
        if (coef < 1f)
            foreach (var p in parameters) System.Numerics.Tensors.TensorPrimitives.Multiply(p.Gradient, coef, p.Gradient);
        return total;
    }
}
