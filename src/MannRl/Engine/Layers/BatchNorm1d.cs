using System.Numerics.Tensors;

namespace MannRl.Engine;

/// <summary>
/// PyTorch's BatchNorm1d over features (affine, eps 1e-5, momentum 0.1). Training normalises with the batch
/// mean and biased variance and moves the running mean and the unbiased running variance; evaluation uses
/// the running statistics. Training needs at least two rows, as in PyTorch.
/// </summary>
public sealed class BatchNorm1d : Module
{
    /// <summary>Creates the layer with weight 1, bias 0, running mean 0 and running variance 1.</summary>
    public BatchNorm1d(int features, float eps = 1e-5f, float momentum = 0.1f)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), $"BatchNorm1d({features}): features must be positive");
        Features = features;
        Eps = eps;
        Momentum = momentum;
        Weight = new Parameter("weight", features);
        Bias = new Parameter("bias", features);
        Weight.Values.Fill(1f);
        RunningMean = new float[features];
        RunningVar = new float[features];
        RunningVar.AsSpan().Fill(1f);
        Parameters = [Weight, Bias];
    }

    /// <summary>Number of features.</summary>
    public int Features { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Eps { get; }

    /// <summary>Weight of the newest batch in the running statistics.</summary>
    public float Momentum { get; }

    /// <summary>Scale γ.</summary>
    public Parameter Weight { get; }

    /// <summary>Shift β.</summary>
    public Parameter Bias { get; }

    /// <summary>Running mean (buffer, not trained).</summary>
    public float[] RunningMean { get; }

    /// <summary>Running unbiased variance (buffer, not trained).</summary>
    public float[] RunningVar { get; }

    /// <summary>Number of training forwards seen (PyTorch's num_batches_tracked).</summary>
    public long BatchesTracked { get; set; }

    /// <inheritdoc/>
    public override int InFeatures => Features;

    /// <inheritdoc/>
    public override int OutFeatures => Features;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public override ModuleContext CreateContext(int maxRows) => new Context(maxRows, Features);

    /// <inheritdoc/>
    public override Matrix Forward(Matrix x, ModuleContext ctx, bool training)
    {
        CheckInput(x, ctx);
        var c = (Context)ctx;
        c.Training = training;
        int n = x.Rows, f = Features;
        var xhat = c.XHat.WithRows(n);
        var y = c.Y.WithRows(n);
        var mean = c.Mean.AsSpan(0, f);
        var invStd = c.InvStd.AsSpan(0, f);
        if (training)
        {
            if (n < 2)
                throw new ArgumentException($"BatchNorm1d in training mode needs at least 2 rows, got {n}");
            var var = c.Var.AsSpan(0, f);
            mean.Clear();
            for (int r = 0; r < n; r++) TensorPrimitives.Add(mean, x.Row(r), mean);
            TensorPrimitives.Multiply(mean, 1f / n, mean);
            var.Clear();
            for (int r = 0; r < n; r++)
            {
                var d = xhat.Row(r); // scratch: x - mean
                TensorPrimitives.Subtract(x.Row(r), mean, d);
                TensorPrimitives.MultiplyAdd(d, d, var, var);
            }
            TensorPrimitives.Multiply(var, 1f / n, var);
            for (int j = 0; j < f; j++) invStd[j] = 1f / MathF.Sqrt(var[j] + Eps);
            float m = Momentum, unbias = n / (float)(n - 1);
            for (int j = 0; j < f; j++)
            {
                RunningMean[j] = (1 - m) * RunningMean[j] + m * mean[j];
                RunningVar[j] = (1 - m) * RunningVar[j] + m * var[j] * unbias;
            }
            BatchesTracked++;
            for (int r = 0; r < n; r++) TensorPrimitives.Multiply(xhat.Row(r), invStd, xhat.Row(r));
        }
        else
        {
            RunningMean.CopyTo(mean);
            for (int j = 0; j < f; j++) invStd[j] = 1f / MathF.Sqrt(RunningVar[j] + Eps);
            for (int r = 0; r < n; r++)
            {
                var h = xhat.Row(r);
                TensorPrimitives.Subtract(x.Row(r), mean, h);
                TensorPrimitives.Multiply(h, invStd, h);
            }
        }
        var gamma = Weight.Values;
        var beta = Bias.Values;
        for (int r = 0; r < n; r++) TensorPrimitives.MultiplyAdd(xhat.Row(r), gamma, beta, y.Row(r));
        return y;
    }

    /// <inheritdoc/>
    public override Matrix Backward(Matrix dy, ModuleContext ctx)
    {
        var c = (Context)ctx;
        var xhat = c.XHat;
        int n = xhat.Rows, f = Features;
        if (dy.Rows != n || dy.Cols != f)
            throw new ArgumentException($"BatchNorm1d.Backward: dy is {dy.Rows}x{dy.Cols}, expected {n}x{f}");
        var dx = c.DX.WithRows(n);
        var sumDy = c.Mean.AsSpan(f, f);     // Σ dy
        var sumDyXhat = c.Var.AsSpan(f, f);  // Σ dy·x̂
        sumDy.Clear();
        sumDyXhat.Clear();
        for (int r = 0; r < n; r++)
        {
            TensorPrimitives.Add(sumDy, dy.Row(r), sumDy);
            TensorPrimitives.MultiplyAdd(dy.Row(r), xhat.Row(r), sumDyXhat, sumDyXhat);
        }
        TensorPrimitives.Add(Weight.Gradient, sumDyXhat, Weight.Gradient);
        TensorPrimitives.Add(Bias.Gradient, sumDy, Bias.Gradient);
        if (!c.NeedsInputGradient) return dx;

        var gamma = Weight.Values;
        var invStd = c.InvStd.AsSpan(0, f);
        if (c.Training)
        {
            // dx = γ·invstd/n · (n·dy − Σdy − x̂·Σ(dy·x̂))
            var scale = c.Scale.AsSpan(0, f);
            TensorPrimitives.Multiply(gamma, invStd, scale);
            TensorPrimitives.Multiply(scale, 1f / n, scale);
            float nf = n;
            for (int r = 0; r < n; r++)
            {
                var d = dx.Row(r);
                var g = dy.Row(r);
                var h = xhat.Row(r);
                for (int j = 0; j < f; j++) d[j] = (nf * g[j] - sumDy[j] - h[j] * sumDyXhat[j]) * scale[j];
            }
        }
        else
        {
            var scale = c.Scale.AsSpan(0, f);
            TensorPrimitives.Multiply(gamma, invStd, scale);
            for (int r = 0; r < n; r++) TensorPrimitives.Multiply(dy.Row(r), scale, dx.Row(r));
        }
        return dx;
    }

    private sealed class Context(int maxRows, int features) : ModuleContext(maxRows)
    {
        public readonly Matrix XHat = new(maxRows, features);
        public readonly Matrix Y = new(maxRows, features);
        public readonly Matrix DX = new(maxRows, features);
        public readonly float[] Mean = new float[2 * features];
        public readonly float[] Var = new float[2 * features];
        public readonly float[] InvStd = new float[features];
        public readonly float[] Scale = new float[features];
    }
}
