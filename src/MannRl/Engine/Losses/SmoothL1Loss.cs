namespace MannRl.Engine;

/// <summary>PyTorch's SmoothL1Loss (beta 1, mean reduction): returns the loss and writes the gradients.</summary>
public static class SmoothL1Loss
{
    /// <summary>
    /// PyTorch's SmoothL1Loss with beta 1 and mean reduction over all elements: for d = input − target,
    /// 0.5·d² where |d| &lt; 1, else |d| − 0.5. Gradients (when given): clamp(d, −1, 1)/N for the input and its
    /// negation for the target (the memory-net's TD target is not detached by default).
    /// </summary>
    public static float Compute(Matrix input, Matrix target, Matrix? gradInput, Matrix? gradTarget)
    {
        input.CheckSameShape(target, "SmoothL1 target");
        if (gradInput is not null) input.CheckSameShape(gradInput, "SmoothL1 input gradient");
        if (gradTarget is not null) input.CheckSameShape(gradTarget, "SmoothL1 target gradient");
        int n = input.Rows, f = input.Cols;
        float invCount = 1f / (n * (float)f);
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            var a = input.Row(r);
            var e = target.Row(r);
            Span<float> gi = gradInput is null ? default : gradInput.Row(r);
            Span<float> gt = gradTarget is null ? default : gradTarget.Row(r);
            float rowSum = 0;
            for (int j = 0; j < f; j++)
            {
                float d = a[j] - e[j];
                float ad = MathF.Abs(d);
                rowSum += ad < 1f ? 0.5f * d * d : ad - 0.5f;
                float g = Math.Clamp(d, -1f, 1f) * invCount;
                if (gradInput is not null) gi[j] = g;
                if (gradTarget is not null) gt[j] = -g;
            }
            total += rowSum;
        }
        return (float)(total * invCount);
    }
}
