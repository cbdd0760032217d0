using MannRl.Engine;
using Xunit.Sdk;

namespace MannRl.Tests.Engine.Layers;

/// <summary>
/// Finite-difference checks of every layer's and loss's backward pass. The objective is a scalar
/// L = Σ y ⊙ r for a fixed random r (so backward gets dy = r), evaluated through the float engine and
/// accumulated in double; central differences with steps <see cref="Step"/> and Step/2, combined by Richardson
/// extrapolation (error O(h⁴) instead of O(h²)), are compared with the analytic input and parameter gradients.
/// </summary>
public class GradientCheckTests
{
    /// <summary>
    /// Finite-difference step. The forward passes are float32, so smaller steps drown in rounding; the truncation
    /// error of this large a step (a few percent where BatchNorm's curvature is high) is removed by extrapolation.
    /// </summary>
    private const float Step = 1e-2f;

    /// <summary>Absolute tolerance; float rounding of L contributes about 1e-4 at this step.</summary>
    private const double AbsoluteTolerance = 1e-3;

    /// <summary>Relative tolerance; a wrong derivative (a missing term, a wrong factor) is off by far more.</summary>
    private const double RelativeTolerance = 1e-2;

    // ------------------------------------------------------------------------------------------ layers

    [Theory]
    [InlineData(5, true)]
    [InlineData(1, true)]
    [InlineData(5, false)]
    public void Linear(int rows, bool training)
    {
        var rng = new Rng(11);
        CheckModule(new Linear(7, 3, rng), RandomMatrix(rng, rows, 7, 1.5f), training, rng);
    }

    [Fact]
    public void BatchNormTrainMode()
    {
        var rng = new Rng(12);
        var bn = new BatchNorm1d(3);
        Randomise(bn, rng);
        var x = RandomMatrix(rng, 5, 3, 1f);
        for (int r = 0; r < 5; r++) { x[r, 1] = 0.3f * x[r, 1] - 1f; x[r, 2] = 2.5f * x[r, 2] + 2f; }
        CheckModule(bn, x, training: true, rng);
    }

    [Fact]
    public void BatchNormTrainModeTwoRows()
    {
        // Two rows normalise to about ±1 whatever x is, so dL/dx is nearly zero (eps keeps it from being exactly
        // zero): checked without requiring a signal; the parameter gradients carry the information.
        var rng = new Rng(13);
        var bn = new BatchNorm1d(3);
        Randomise(bn, rng);
        var x = Matrix.FromArray(2, 3, [0.5f, -1f, 2f, -0.7f, 0.4f, 3.1f]);
        CheckModule(bn, x, training: true, rng, inputSignal: false);
    }

    [Fact]
    public void BatchNormEvalMode()
    {
        var rng = new Rng(14);
        var bn = new BatchNorm1d(3);
        Randomise(bn, rng);
        float[] mean = [0.4f, -1.2f, 2f], var = [0.5f, 1.7f, 3f];
        mean.CopyTo(bn.RunningMean, 0);
        var.CopyTo(bn.RunningVar, 0);
        CheckModule(bn, RandomMatrix(rng, 5, 3, 1.5f), training: false, rng);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("silu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("softmax")]
    public void Activations(string name)
    {
        var rng = new Rng(15);
        var x = RandomMatrix(rng, 5, 7, 2f);
        // Keep ReLU's kink out of reach of the finite-difference step.
        foreach (ref float v in x.AsSpan()) if (MathF.Abs(v) < 10 * Step) v = v < 0 ? -10 * Step : 10 * Step;
        CheckModule(Parity.ActivationParityTests.Create(name, 7), x, training: true, rng);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SequentialActionNetShape(bool training)
    {
        // The flatdann pattern: Linear -> BN -> nonlinearity -> Linear -> Softmax.
        var rng = new Rng(16);
        var bn = new BatchNorm1d(5);
        Randomise(bn, rng);
        if (!training) { float[] v = [0.5f, 2f, 1f, 0.7f, 1.3f]; v.CopyTo(bn.RunningVar, 0); bn.RunningMean[2] = 0.4f; }
        var net = new Sequential(new Linear(7, 5, rng), bn, new Tanh(5), new Linear(5, 3, rng), new Softmax(3));
        CheckModule(net, RandomMatrix(rng, 5, 7, 1f), training, rng);
    }

    [Fact]
    public void SequentialMemoryNetShape()
    {
        // The flatmnn pattern: Linear -> BN -> Sigmoid, plus a SiLU embedding in front.
        var rng = new Rng(17);
        var bn = new BatchNorm1d(4);
        Randomise(bn, rng);
        var net = new Sequential(new Linear(6, 5, rng), new SiLU(5), new Linear(5, 4, rng), bn, new Sigmoid(4));
        CheckModule(net, RandomMatrix(rng, 5, 6, 1f), training: true, rng);
    }

    // ------------------------------------------------------------------------------------------ losses

    [Fact]
    public void CrossEntropy()
    {
        var rng = new Rng(18);
        var input = RandomMatrix(rng, 5, 7, 2f);
        int[] targets = [0, 6, 3, 3, 1];
        var rowLosses = new float[5];
        var grad = new Matrix(5, 7);
        float mean = CrossEntropyLoss.Compute(input, targets, rowLosses, grad);
        Assert.Equal(rowLosses.Average(), mean, 1e-6);
        var numeric = Numeric(input, () => CrossEntropyLoss.Compute(input, targets, new float[5], null));
        AssertGradient(numeric, grad.ToArray(), "cross entropy d/d input");
    }

    [Fact]
    public void CrossEntropyOnProbabilities()
    {
        // The original's form: CE applied to Softmax output, differentiated back to the logits.
        var rng = new Rng(19);
        var z = RandomMatrix(rng, 5, 7, 2f);
        int[] targets = [2, 2, 0, 6, 5];
        var softmax = new Softmax(7);
        var ctx = softmax.CreateContext(5, Compute.SingleThread);
        var gradP = new Matrix(5, 7);
        CrossEntropyLoss.Compute(softmax.Forward(z, ctx, true), targets, new float[5], gradP);
        var analytic = softmax.Backward(gradP, ctx).ToArray();
        var evalCtx = softmax.CreateContext(5, Compute.SingleThread);
        var numeric = Numeric(z, () => CrossEntropyLoss.Compute(softmax.Forward(z, evalCtx, true), targets, new float[5], null));
        AssertGradient(numeric, analytic, "cross entropy on softmax d/d logits");
    }

    [Fact]
    public void SmoothL1()
    {
        var rng = new Rng(20);
        var input = RandomMatrix(rng, 5, 4, 1.5f);
        var target = RandomMatrix(rng, 5, 4, 1.5f);
        // Both branches (|d| < 1 and > 1), away from the |d| = 1 seam.
        int inside = 0, outside = 0;
        for (int r = 0; r < 5; r++)
            for (int j = 0; j < 4; j++)
            {
                float d = input[r, j] - target[r, j];
                if (MathF.Abs(MathF.Abs(d) - 1) < 10 * Step) input[r, j] += 0.2f;
                if (MathF.Abs(input[r, j] - target[r, j]) < 1) inside++; else outside++;
            }
        Assert.True(inside > 0 && outside > 0, $"want both branches: {inside} inside, {outside} outside");
        var gi = new Matrix(5, 4);
        var gt = new Matrix(5, 4);
        SmoothL1Loss.Compute(input, target, gi, gt);
        AssertGradient(Numeric(input, () => SmoothL1Loss.Compute(input, target, null, null)), gi.ToArray(), "smooth L1 d/d input");
        AssertGradient(Numeric(target, () => SmoothL1Loss.Compute(input, target, null, null)), gt.ToArray(), "smooth L1 d/d target");
    }

    // ------------------------------------------------------------------------------------------ LSTM through time

    [Theory]
    [InlineData(1, new[] { 5, 5, 5 })]
    [InlineData(2, new[] { 6, 4, 4, 1 })]
    public void LstmThroughTime(int layers, int[] lengths)
    {
        // L = Σ y ⊙ r + Σ h_n ⊙ rh + Σ c_n ⊙ rc over packed sequences of different lengths, from a non-zero initial
        // state: checks every step's gradient path (output, recurrence, cell) and the padding's cut-off.
        var rng = new Rng(23);
        var lstm = new Lstm(3, 4, layers, rng);
        var batch = new PackedBatch(lengths.Length, lengths[0]);
        batch.SetLengths(lengths);
        int states = layers * lengths.Length;
        var x = RandomMatrix(rng, batch.Rows, 3, 1f);
        var h0 = RandomMatrix(rng, states, 4, 0.5f);
        var c0 = RandomMatrix(rng, states, 4, 0.5f);
        var r = RandomMatrix(rng, batch.Rows, 4, 1f);
        var rh = RandomMatrix(rng, states, 4, 1f);
        var rc = RandomMatrix(rng, states, 4, 1f);

        var ctx = lstm.CreateContext(lengths.Length, lengths[0], Compute.SingleThread);
        lstm.Forward(x, batch, ctx, h0, c0);
        foreach (var p in lstm.Parameters) p.ZeroGrad();
        var dx = lstm.Backward(r, ctx, rh, rc).ToArray();
        var dh0 = ctx.InitialHiddenGradient.ToArray();
        var dc0 = ctx.InitialCellGradient.ToArray();
        var grads = lstm.Parameters.Select(p => p.Gradient.ToArray()).ToList();

        var evalCtx = lstm.CreateContext(lengths.Length, lengths[0], Compute.SingleThread);
        double L()
        {
            var y = lstm.Forward(x, batch, evalCtx, h0, c0);
            return Dot(y, r) + Dot(evalCtx.FinalHidden, rh) + Dot(evalCtx.FinalCell, rc);
        }
        AssertGradient(Numeric(x, L), dx, "LSTM d/d input");
        AssertGradient(Numeric(h0, L), dh0, "LSTM d/d h0");
        AssertGradient(Numeric(c0, L), dc0, "LSTM d/d c0");
        for (int i = 0; i < lstm.Parameters.Count; i++)
            AssertGradient(Numeric(lstm.Parameters[i], L), grads[i], $"LSTM d/d {lstm.Parameters[i].Name}");
    }

    [Fact]
    public void LstmTruncatedBackwardIsTheFullGradientOfTheDetachedChunks()
    {
        // Cut every 2 steps, the gradient of a loss on the last step's output reaches only the last chunk's inputs:
        // the earlier inputs get exactly zero, the last chunk's equal the untruncated gradient.
        var rng = new Rng(24);
        var lstm = new Lstm(3, 4, 2, rng);
        var batch = new PackedBatch(2, 5);
        batch.SetLengths([5, 5]);
        var x = RandomMatrix(rng, batch.Rows, 3, 1f);
        var r = new Matrix(batch.Rows, 4);
        for (int s = 0; s < 2; s++) for (int j = 0; j < 4; j++) r[batch.Row(4, s), j] = (float)rng.NextNormal();
        var ctx = lstm.CreateContext(2, 5, Compute.SingleThread);

        lstm.Forward(x, batch, ctx);
        var full = lstm.Backward(r, ctx).ToArray();
        lstm.Forward(x, batch, ctx);
        var cut = lstm.Backward(r, ctx, truncateSteps: 2).ToArray();

        int lastChunk = batch.Offset(4) * 3;
        Assert.All(cut[..lastChunk], v => Assert.Equal(0f, v));
        Assert.Equal(full[lastChunk..], cut[lastChunk..]);
        Assert.Contains(full[..lastChunk], v => v != 0f);
    }

    private static double Dot(Matrix a, Matrix b)
    {
        double s = 0;
        for (int i = 0; i < a.Rows; i++) for (int j = 0; j < a.Cols; j++) s += (double)a[i, j] * b[i, j];
        return s;
    }

    // ------------------------------------------------------------------------------------------ the checker itself

    /// <summary>Tanh with the derivative 1 − y instead of 1 − y²: the check must reject it.</summary>
    private sealed class WrongTanh(int features) : Activation(features)
    {
        protected override void ForwardRow(ReadOnlySpan<float> x, Span<float> y) { for (int j = 0; j < y.Length; j++) y[j] = MathF.Tanh(x[j]); }

        protected override void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
        {
            for (int j = 0; j < dx.Length; j++) dx[j] = dy[j] * (1f - y[j]);
        }
    }

    [Fact]
    public void CheckerRejectsAWrongDerivative()
    {
        var rng = new Rng(21);
        Assert.Throws<XunitException>(() => CheckModule(new WrongTanh(7), RandomMatrix(rng, 5, 7, 1f), true, rng));
    }

    [Fact]
    public void CheckerRejectsAWrongParameterGradient()
    {
        // BatchNorm with its bias gradient doubled by a second, dx-free backward: caught on the parameters.
        var rng = new Rng(22);
        var bn = new BatchNorm1d(3);
        Randomise(bn, rng);
        var x = RandomMatrix(rng, 5, 3, 1f);
        var ctx = bn.CreateContext(5, Compute.SingleThread);
        bn.Forward(x, ctx, true);
        var r = RandomMatrix(rng, 5, 3, 1f);
        bn.ZeroGrad();
        bn.Backward(r, ctx);
        bn.Backward(r, ctx);
        var evalCtx = bn.CreateContext(5, Compute.SingleThread);
        var numeric = Numeric(bn.Bias, () => Objective(bn, x, evalCtx, true, r.ToArray()));
        Assert.Throws<XunitException>(() => AssertGradient(numeric, bn.Bias.Gradient.ToArray(), "doubled bias gradient"));
    }

    // ------------------------------------------------------------------------------------------ helpers

    /// <summary>Compares backward's input and parameter gradients with central differences of Σ y ⊙ r.</summary>
    private static void CheckModule(Module m, Matrix x, bool training, Rng rng, bool inputSignal = true)
    {
        int rows = x.Rows;
        var ctx = m.CreateContext(rows, Compute.SingleThread);
        var y = m.Forward(x, ctx, training);
        var r = RandomMatrix(rng, rows, y.Cols, 1f);
        var rs = r.ToArray();
        m.ZeroGrad();
        var dx = m.Backward(r, ctx).ToArray();
        var grads = m.Parameters.Select(p => p.Gradient.ToArray()).ToList();

        var evalCtx = m.CreateContext(rows, Compute.SingleThread);
        double L() => Objective(m, x, evalCtx, training, rs);
        AssertGradient(Numeric(x, L), dx, $"{Describe(m)} d/d input", inputSignal);
        for (int i = 0; i < m.Parameters.Count; i++)
        {
            var p = m.Parameters[i];
            AssertGradient(Numeric(p, L), grads[i], $"{Describe(m)} d/d parameter {i} ({p.Name})", requireSignal: false);
        }
    }

    private static string Describe(Module m) =>
        m is Sequential s ? $"Sequential({string.Join(", ", s.Layers.Select(l => l.GetType().Name))})" : m.GetType().Name;

    private static double Objective(Module m, Matrix x, ModuleContext ctx, bool training, float[] r)
    {
        var y = m.Forward(x, ctx, training).ToArray();
        double s = 0;
        for (int i = 0; i < y.Length; i++) s += (double)y[i] * r[i];
        return s;
    }

    /// <summary>d f / d x for every live element of <paramref name="x"/>.</summary>
    private static double[] Numeric(Matrix x, Func<double> f)
    {
        var g = new double[x.Rows * x.Cols];
        for (int r = 0; r < x.Rows; r++)
            for (int j = 0; j < x.Cols; j++)
            {
                int row = r, col = j;
                g[r * x.Cols + j] = Derivative(x[r, j], v => x[row, col] = v, f);
            }
        return g;
    }

    /// <summary>d f / d p for every value of a parameter (marking each change, for layers that cache copies).</summary>
    private static double[] Numeric(Parameter p, Func<double> f)
    {
        var g = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            int k = i;
            g[i] = Derivative(p.Values[i], v => { p.Values[k] = v; p.MarkChanged(); }, f);
        }
        return g;
    }

    /// <summary>
    /// Richardson-extrapolated central difference (4·D(h/2) − D(h))/3 at <paramref name="v"/>; the steps are taken
    /// as the float values actually set. Restores the value.
    /// </summary>
    private static double Derivative(float v, Action<float> set, Func<double> f)
    {
        double Central(float h)
        {
            float hi = v + h, lo = v - h;
            set(hi); double fp = f();
            set(lo); double fm = f();
            return (fp - fm) / ((double)hi - lo);
        }
        double d1 = Central(Step), d2 = Central(Step / 2);
        set(v);
        return (4 * d2 - d1) / 3;
    }

    /// <summary>
    /// Fails unless every element agrees within the tolerances. With <paramref name="requireSignal"/> the gradient
    /// must also be clearly non-zero, so that a backward returning zeros cannot pass; parameter gradients may
    /// legitimately vanish (a Linear bias in front of a train-mode BatchNorm).
    /// </summary>
    private static void AssertGradient(double[] numeric, float[] analytic, string what, bool requireSignal = true)
    {
        Assert.Equal(numeric.Length, analytic.Length);
        if (requireSignal)
            Assert.True(numeric.Max(Math.Abs) > 1e-2, $"{what}: gradient is (numerically) zero, the check would be vacuous");
        for (int i = 0; i < numeric.Length; i++)
        {
            double diff = Math.Abs(numeric[i] - analytic[i]);
            if (diff > AbsoluteTolerance + RelativeTolerance * Math.Abs(numeric[i]))
                throw new XunitException($"{what}: element {i}: finite difference {numeric[i]:G6}, backward {analytic[i]:G6} (diff {diff:E2})");
        }
    }

    private static Matrix RandomMatrix(Rng rng, int rows, int cols, float scale)
    {
        var m = new Matrix(rows, cols);
        foreach (ref float v in m.AsSpan()) v = (float)(rng.NextNormal() * scale);
        return m;
    }

    private static void Randomise(BatchNorm1d bn, Rng rng)
    {
        foreach (ref float w in bn.Weight.Values) w = 1f + (float)(0.3 * rng.NextNormal());
        foreach (ref float b in bn.Bias.Values) b = (float)(0.3 * rng.NextNormal());
        bn.Weight.MarkChanged();
        bn.Bias.MarkChanged();
    }
}
