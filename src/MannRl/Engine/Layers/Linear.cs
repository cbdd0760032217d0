using System.Runtime.Intrinsics;
using MannRl.Engine.Kernels;

namespace MannRl.Engine;

/// <summary>
/// y = x·Wᵀ + b with PyTorch's layout (W is out x in) and default initialisation: W and b uniform in
/// ±1/sqrt(in). The forward product reads a transposed copy of W, refreshed when W changes, so every product
/// streams its right operand row-major.
/// </summary>
public sealed class Linear : Module
{
    private readonly float[] _weightT; // (in, out)
    private int _weightTVersion = -1;

    /// <summary>Creates a layer initialised from <paramref name="rng"/>.</summary>
    public Linear(int inFeatures, int outFeatures, Rng rng)
    {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear({inFeatures}, {outFeatures}): sizes must be positive");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter("weight", outFeatures, inFeatures);
        Bias = new Parameter("bias", outFeatures);
        float bound = 1f / MathF.Sqrt(inFeatures);
        foreach (ref float w in Weight.Values) w = rng.Uniform(-bound, bound);
        foreach (ref float b in Bias.Values) b = rng.Uniform(-bound, bound);
        _weightT = new float[inFeatures * outFeatures + Matrix.Padding];
        Parameters = [Weight, Bias];
    }

    /// <inheritdoc/>
    public override int InFeatures { get; }

    /// <inheritdoc/>
    public override int OutFeatures { get; }

    /// <summary>Weight (out x in).</summary>
    public Parameter Weight { get; }

    /// <summary>Bias (out).</summary>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public override ModuleContext CreateContext(int maxRows) => new Context(maxRows, InFeatures, OutFeatures);

    /// <inheritdoc/>
    public override Matrix Forward(Matrix x, ModuleContext ctx, bool training)
    {
        CheckInput(x, ctx);
        var c = (Context)ctx;
        c.Training = training;
        c.X = x;
        var y = c.Y.WithRows(x.Rows); // (rows, out)
        var bias = Bias.Values;
        c.OneHot = InFeatures >= OneHotMinFeatures && FindOneHot(x, c.Ids);
        if (c.OneHot)
        {
            RefreshTransposedWeight();
            // A one-hot row picks one column of W: y = Wᵀ[id] + b, a row lookup instead of a product.
            for (int r = 0; r < y.Rows; r++)
                System.Numerics.Tensors.TensorPrimitives.Add(_weightT.AsSpan(c.Ids[r] * OutFeatures, OutFeatures), bias, y.Row(r));
            return y;
        }
        if (x.Rows <= SmallBatchForward.MaxRows && SmallBatchForward.Available
            && (_weightTVersion != Weight.Version || InFeatures * OutFeatures <= SmallBatchForward.AlwaysBelow))
        {
            // A training batch after an optimizer step: reading W in place beats rebuilding Wᵀ for one product; a
            // current Wᵀ (the memory-net's, between its trainings) is faster to multiply by, unless W is small.
            SmallBatchForward.Run(x, Weight.Values, bias, y, c.Scratch);
            return y;
        }
        RefreshTransposedWeight();
        for (int r = 0; r < y.Rows; r++) bias.CopyTo(y.Row(r));
        Gemm.Multiply(x.Rows, OutFeatures, InFeatures,
            x.Data.AsSpan(x.Offset), x.Stride, false,
            _weightT, OutFeatures,
            y.Data, y.Stride, accumulate: true);
        return y;
    }

    /// <inheritdoc/>
    public override Matrix Backward(Matrix dy, ModuleContext ctx)
    {
        var c = (Context)ctx;
        var x = c.X ?? throw new InvalidOperationException("Linear.Backward before Forward");
        if (dy.Rows != x.Rows || dy.Cols != OutFeatures)
            throw new ArgumentException($"Linear.Backward: dy is {dy.Rows}x{dy.Cols}, expected {x.Rows}x{OutFeatures}");
        if (c.OneHot)
        {
            // dW[:, id] += dy[r]: only the looked-up column of each row gets a gradient.
            var dw = Weight.Grad;
            int inF = InFeatures;
            for (int r = 0; r < dy.Rows; r++)
            {
                var g = dy.Row(r);
                int col = c.Ids[r];
                for (int o = 0; o < g.Length; o++) dw[o * inF + col] += g[o];
            }
        }
        else
        {
            // dW += dyᵀ·x  (out, in)
            Gemm.Multiply(OutFeatures, InFeatures, x.Rows,
                dy.Data.AsSpan(dy.Offset), dy.Stride, true,
                x.Data.AsSpan(x.Offset), x.Stride,
                Weight.Grad, InFeatures, accumulate: true);
        }
        AddColumnSums(dy, Bias.Gradient);
        var dx = c.DX.WithRows(x.Rows);
        if (c.NeedsInputGradient)
        {
            // dx = dy·W  (rows, in), or only its first columns: the product with W's first columns (same sums).
            Gemm.Multiply(x.Rows, Math.Min(InFeatures, c.InputGradientColumns), OutFeatures,
                dy.Data.AsSpan(dy.Offset), dy.Stride, false,
                Weight.Value, InFeatures,
                dx.Data, dx.Stride, accumulate: false);
        }
        return dx;
    }

    /// <summary>
    /// db += Σ_r dy[r], row by row in order as one library call per row did (bit-identical), but a block of
    /// columns at a time with the sum in a register: 16-128 calls on 11-475 floats cost more than their adds.
    /// </summary>
    private static void AddColumnSums(Matrix dy, Span<float> db)
    {
        int n = dy.Rows, j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= db.Length - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                var sum = Vector256.LoadUnsafe(ref db[j]);
                for (int r = 0; r < n; r++) sum += Vector256.LoadUnsafe(ref dy[r, j]);
                sum.StoreUnsafe(ref db[j]);
            }
        }
        for (; j < db.Length; j++)
        {
            float sum = db[j];
            for (int r = 0; r < n; r++) sum += dy[r, j];
            db[j] = sum;
        }
    }

    /// <summary>
    /// Inputs at least this wide are checked for one-hot rows (one 1, zeros elsewhere), which are then looked
    /// up instead of multiplied: symbol inputs of the sentence task and learned word embeddings. Narrower
    /// inputs (the 11 logic symbols) are cheaper to multiply than to scan.
    /// </summary>
    public const int OneHotMinFeatures = 32;

    /// <summary>True when every live row of <paramref name="x"/> is one-hot; their indices go to <paramref name="ids"/>.</summary>
    private static bool FindOneHot(Matrix x, int[] ids)
    {
        for (int r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            int hot = row.IndexOfAnyExcept(0f);
            if (hot < 0 || row[hot] != 1f || row.Slice(hot + 1).IndexOfAnyExcept(0f) >= 0) return false;
            ids[r] = hot;
        }
        return true;
    }

    private void RefreshTransposedWeight()
    {
        if (_weightTVersion == Weight.Version) return;
        Transpose.Run(Weight.Value, OutFeatures, InFeatures, _weightT);
        _weightTVersion = Weight.Version;
    }

    private sealed class Context(int maxRows, int inFeatures, int outFeatures) : ModuleContext(maxRows)
    {
        public Matrix? X;
        public bool OneHot;
        public readonly int[] Ids = new int[maxRows];
        public readonly Matrix Y = new(maxRows, outFeatures);
        public readonly Matrix DX = new(maxRows, inFeatures);
        public readonly float[] Scratch = new float[SmallBatchForward.ScratchLength(inFeatures, outFeatures)];
    }
}
