using MannRl.Engine.Kernels;

namespace MannRl.Engine;

/// <summary>
/// y = x·Wᵀ + b with PyTorch's layout (W is out x in) and default initialisation: W and b uniform in
/// ±1/sqrt(in).
/// </summary>
public sealed class Linear : Module
{
    private readonly LinearForward _forward;

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
        Parameters = [Weight, Bias];
        _forward = new LinearForward(Weight, Bias);
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
    public override ModuleContext CreateContext(int maxRows, Compute compute) =>
        new Context(maxRows, InFeatures, OutFeatures, compute, _forward.CreateBuffers(maxRows));

    /// <inheritdoc/>
    public override Matrix Forward(Matrix x, ModuleContext ctx, bool training)
    {
        CheckInput(x, ctx);
        var c = (Context)ctx;
        c.Training = training;
        c.X = x;
        var y = c.Y.WithRows(x.Rows); // (rows, out)
        _forward.Run(c.Compute, x, y, c.Forward);
        return y;
    }

    /// <inheritdoc/>
    public override Matrix Backward(Matrix dy, ModuleContext ctx)
    {
        var c = (Context)ctx;
        var x = c.X ?? throw new InvalidOperationException("Linear.Backward before Forward");
        if (dy.Rows != x.Rows || dy.Cols != OutFeatures)
            throw new ArgumentException($"Linear.Backward: dy is {dy.Rows}x{dy.Cols}, expected {x.Rows}x{OutFeatures}");
        if (c.Forward.OneHot)
        {
            // dW[:, id] += dy[r]: only the looked-up column of each row gets a gradient.
            var dw = Weight.Grad;
            int inF = InFeatures;
            for (int r = 0; r < dy.Rows; r++)
            {
                var g = dy.Row(r);
                int col = c.Forward.OneHotIds[r];
                for (int o = 0; o < g.Length; o++) dw[o * inF + col] += g[o];
            }
        }
        else
        {
            // dW += dyᵀ·x  (out, in)
            Gemm.Multiply(c.Compute, OutFeatures, InFeatures, x.Rows,
                dy.Data.AsSpan(dy.Offset), dy.Stride, true,
                x.Data.AsSpan(x.Offset), x.Stride,
                Weight.Grad, InFeatures, accumulate: true);
        }
        ColumnSums.AddTo(dy, Bias.Gradient); // db += Σ_r dy[r]
        var dx = c.DX.WithRows(x.Rows);
        if (c.NeedsInputGradient)
        {
            // dx = dy·W  (rows, in), or only its first columns: the product with W's first columns (same sums).
            Gemm.Multiply(c.Compute, x.Rows, Math.Min(InFeatures, c.InputGradientColumns), OutFeatures,
                dy.Data.AsSpan(dy.Offset), dy.Stride, false,
                Weight.Value, InFeatures,
                dx.Data, dx.Stride, accumulate: false);
        }
        return dx;
    }

    private sealed class Context(int maxRows, int inFeatures, int outFeatures, Compute compute, LinearForward.Buffers forward)
        : ModuleContext(maxRows)
    {
        public readonly Compute Compute = compute;
        public readonly LinearForward.Buffers Forward = forward;
        public Matrix? X;
        public readonly Matrix Y = new(maxRows, outFeatures);
        public readonly Matrix DX = new(maxRows, inFeatures);
    }
}
