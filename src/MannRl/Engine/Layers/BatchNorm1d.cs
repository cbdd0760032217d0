using MannRl.Engine.Kernels;

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
    public override ModuleContext CreateContext(int maxRows, Compute compute) => new Context(maxRows, Features);

    /// <inheritdoc/>
    public override Matrix Forward(Matrix x, ModuleContext ctx, bool training)
    {
        CheckInput(x, ctx);
        var c = (Context)ctx;
        c.Training = training;
        int n = x.Rows, f = Features;
        var xhat = c.XHat.WithRows(n);
        var y = c.Y.WithRows(n);
        if (training)
        {
            if (n < 2)
                throw new ArgumentException($"BatchNorm1d in training mode needs at least 2 rows, got {n}");
            BatchNormKernels.TrainForward(x, xhat, y, Weight.Values, Bias.Values, Eps, c.Mean, c.Var, c.InvStd);
            float m = Momentum, unbias = n / (float)(n - 1);
            for (int j = 0; j < f; j++)
            {
                RunningMean[j] = (1 - m) * RunningMean[j] + m * c.Mean[j];
                RunningVar[j] = (1 - m) * RunningVar[j] + m * c.Var[j] * unbias;
            }
            BatchesTracked++;
        }
        else
        {
            BatchNormKernels.EvalForward(x, xhat, y, Weight.Values, Bias.Values, Eps, RunningMean, RunningVar, c.InvStd);
        }
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
        BatchNormKernels.Backward(dy, xhat, c.NeedsInputGradient ? dx : null, c.Training, Weight.Values, c.InvStd,
            Weight.Gradient, Bias.Gradient);
        return dx;
    }

    private sealed class Context(int maxRows, int features) : ModuleContext(maxRows)
    {
        public readonly Matrix XHat = new(maxRows, features);
        public readonly Matrix Y = new(maxRows, features);
        public readonly Matrix DX = new(maxRows, features);
        public readonly float[] Mean = new float[features];
        public readonly float[] Var = new float[features];
        public readonly float[] InvStd = new float[features];
    }
}
