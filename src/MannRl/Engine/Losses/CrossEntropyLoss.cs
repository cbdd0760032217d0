using System.Numerics.Tensors;

namespace MannRl.Engine;

/// <summary>PyTorch's CrossEntropyLoss (mean reduction): returns the loss and writes the gradient.</summary>
public static class CrossEntropyLoss
{
    /// <summary>
    /// PyTorch's CrossEntropyLoss: per row, −log_softmax(input)[target] = logsumexp(input) − input[target],
    /// written to <paramref name="rowLosses"/>; returns their mean. When <paramref name="gradInput"/> is given
    /// it receives d(mean)/d(input) = (softmax(input) − onehot(target)) / rows. The original feeds the action
    /// net's Softmax output here (cross entropy on probabilities); pass logits for the textbook form.
    /// </summary>
    public static float Compute(Matrix input, ReadOnlySpan<int> targets, Span<float> rowLosses, Matrix? gradInput)
    {
        int n = input.Rows;
        if (targets.Length < n || rowLosses.Length < n)
            throw new ArgumentException($"CrossEntropy: {n} rows but {targets.Length} targets / {rowLosses.Length} loss slots");
        if (gradInput is not null) input.CheckSameShape(gradInput, "CrossEntropy gradient");
        double total = 0;
        float invN = 1f / n;
        if (gradInput is not null && n <= BatchedMaxRows && input.Cols >= BatchedMinCols && gradInput.IsContiguous)
            return CrossEntropyBatched(input, targets, rowLosses, gradInput);
        Span<float> scratch = stackalloc float[gradInput is null ? Math.Min(input.Cols, 1024) : 0];
        for (int r = 0; r < n; r++)
        {
            var x = input.Row(r);
            int t = targets[r];
            if ((uint)t >= (uint)x.Length) throw new ArgumentOutOfRangeException(nameof(targets), $"target {t} outside {x.Length} classes");
            // e = exp(x − max), kept in the gradient row when there is one: grad = e/Σe/n − onehot/n.
            var e = gradInput is not null ? gradInput.Row(r) : x.Length <= scratch.Length ? scratch[..x.Length] : new float[x.Length];
            float max = TensorPrimitives.Max(x);
            TensorPrimitives.Subtract(x, max, e);
            TensorPrimitives.Exp(e, e);
            float sumExp = TensorPrimitives.Sum(e);
            float loss = max + MathF.Log(sumExp) - x[t];
            rowLosses[r] = loss;
            total += loss;
            if (gradInput is not null)
            {
                TensorPrimitives.Multiply(e, invN / sumExp, e);
                e[t] -= invN;
            }
        }
        return (float)(total / n);
    }

    private const int BatchedMaxRows = 256, BatchedMinCols = 8;

    /// <summary>
    /// <see cref="Compute"/> with a gradient, the exponentials of all rows in one library call instead of five
    /// calls per row (16 rows of 11 classes: the calls cost more than the arithmetic). Each element sees the same
    /// operations: x − max, the library's vector exp (8 or more classes take a vector path either way), Σ per row by
    /// the library, e·(1/n/Σ); so the result is bit-identical.
    /// </summary>
    private static float CrossEntropyBatched(Matrix input, ReadOnlySpan<int> targets, Span<float> rowLosses, Matrix gradInput)
    {
        int n = input.Rows, cols = input.Cols;
        float invN = 1f / n;
        Span<float> maxes = stackalloc float[n];
        for (int r = 0; r < n; r++)
        {
            var x = input.Row(r);
            if ((uint)targets[r] >= (uint)cols) throw new ArgumentOutOfRangeException(nameof(targets), $"target {targets[r]} outside {cols} classes");
            float max = maxes[r] = TensorPrimitives.Max(x);
            var e = gradInput.Row(r);
            for (int j = 0; j < cols; j++) e[j] = x[j] - max;
        }
        var all = gradInput.AsSpan();
        TensorPrimitives.Exp(all, all);
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            var e = gradInput.Row(r);
            int t = targets[r];
            float sumExp = TensorPrimitives.Sum(e);
            float loss = maxes[r] + MathF.Log(sumExp) - input[r, t];
            rowLosses[r] = loss;
            total += loss;
            float scale = invN / sumExp;
            for (int j = 0; j < cols; j++) e[j] *= scale;
            e[t] -= invN;
        }
        return (float)(total / n);
    }
}
