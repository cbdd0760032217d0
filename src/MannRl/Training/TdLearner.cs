using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Training;

/// <summary>
/// The memory-net's temporal-difference (TD) learner: one Q-learning update of the memory-net on a stack of replayed
/// transitions (spec section 5):
/// policy = f(m_{t+1}, in_{t+1}, out_{t+1}) first; l = action loss of step t+1, plus <c>mem_l1</c>·mean|policy|,
/// damped to d·ln(1+l) and clamped to [0, c] when configured; expected = γ·policy − l; with n-step transitions
/// (<c>mem_n_step</c> n &gt; 1) policy is that of step t+n, l = Σ_k γ^k·l_{t+1+k} (each shaped) and expected = γ^n·policy − l;
/// actual = f(m_t, in_t, out_t); loss = SmoothL1(actual, expected). Both forwards run in training mode. The
/// gradient flows through both branches (the original) unless the target is detached (DQN style). With
/// <c>mem_reward_baseline: mean</c> the update's mean l is subtracted from every row's l before the target is formed.
/// </summary>
public sealed class TdLearner
{
    private readonly MemoryNet _net;
    private readonly Optimizer _optimizer;
    private readonly ModuleContext _actualCtx, _policyCtx;
    private readonly Matrix _expected, _actualGrad, _expectedGrad;

    /// <summary>
    /// Creates the TD learner with buffers for up to <paramref name="maxRows"/> transition rows, its products on the
    /// threads <paramref name="compute"/> allows.
    /// </summary>
    public TdLearner(MemoryNet net, Optimizer optimizer, int maxRows, TdSettings settings, Compute compute)
    {
        _net = net;
        _optimizer = optimizer;
        Settings = settings;
        _actualCtx = net.CreateContext(maxRows, compute);
        _policyCtx = net.CreateContext(maxRows, compute);
        _expected = new Matrix(maxRows, net.MemoryDim);
        _actualGrad = new Matrix(maxRows, net.MemoryDim);
        _expectedGrad = new Matrix(maxRows, net.MemoryDim);
    }

    /// <summary>γ, the reward shaping and the target mode.</summary>
    public TdSettings Settings { get; }

    /// <summary>The TD target of the last update (rows x M).</summary>
    public Matrix Expected => _expected;

    /// <summary>
    /// Runs one update on <paramref name="tr"/> (its <see cref="Transitions.NextLoss"/> is turned into the
    /// shaped reward l in place) and returns the loss; NaN or Inf is returned as is for the caller to report.
    /// </summary>
    public float Update(Transitions tr)
    {
        var s = Settings;
        int rows = tr.Rows;
        var policy = _net.Forward(tr.NextInput, tr.NextAction, tr.NextMemory, _policyCtx, training: true); // (rows, M)
        var l = tr.NextLoss.AsSpan(0, rows);
        float gamma = (float)s.Gamma, bootstrap = gamma;
        if (tr.Steps == 1) Shape(l, policy, s);
        else
        {
            // n-step return (mem_n_step): each of the n losses shaped as a one-step reward, then
            // l = Σ_k γ^k·l_{t+1+k} and expected = γ^n·policy(t+n) − l.
            int n = tr.Steps;
            var steps = tr.StepLosses.AsSpan(0, rows * n);
            Shape(steps, policy, s);
            for (int r = 0; r < rows; r++)
            {
                float sum = 0, discount = 1;
                for (int k = 0; k < n; k++) { sum += discount * steps[r * n + k]; discount *= gamma; }
                l[r] = sum;
            }
            bootstrap = MathF.Pow(gamma, n);
        }
        if (s.CenteredRewards)
        {
            // mem_reward_baseline mean: the loss is never negative, so γ·policy − l always lies below the policy and the
            // memory-net learns to write ever smaller memories until they are all 0 (mem_learning_rate 1e-3 gets there,
            // docs/recipe.md); with the update's mean loss as baseline only losses above or below it push the memory.
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += l[r];
            float mean = (float)(sum / rows);
            for (int r = 0; r < rows; r++) l[r] -= mean;
        }
        var expected = _expected.WithRows(rows);
        for (int r = 0; r < rows; r++) ScaleSubtract(policy.Row(r), bootstrap, l[r], expected.Row(r));

        var actual = _net.Forward(tr.Input, tr.Action, tr.Memory, _actualCtx, training: true); // (rows, M)
        var dActual = _actualGrad.WithRows(rows);
        var dExpected = _expectedGrad.WithRows(rows);
        float loss = SmoothL1Loss.Compute(actual, expected, dActual, s.DetachedTarget ? null : dExpected);
        if (!float.IsFinite(loss)) return loss;

        _optimizer.ZeroGrad();
        _net.Backward(dActual, _actualCtx);
        if (!s.DetachedTarget)
        {
            // expected = γ·policy − l (γ^n for n-step returns), so dL/dpolicy = γ·dL/dexpected (one call: the rows are contiguous).
            TensorPrimitives.Multiply(dExpected.AsSpan(), bootstrap, dExpected.AsSpan());
            _net.Backward(dExpected, _policyCtx);
        }
        // Clipping's factor goes into the optimizer's own pass (the same rounded products, one pass fewer).
        _optimizer.Step(s.Clipping is double clip ? GradClip.Coefficient(_net.Parameters, (float)clip) : 1f, clearGradients: false);
        return loss;
    }

    /// <summary>
    /// The reward shaping of the action losses <paramref name="l"/> in place: plus <c>mem_l1</c>·mean|policy|, then
    /// d·ln(1+l), then clamped to [0, c], each when configured.
    /// </summary>
    private static void Shape(Span<float> l, Matrix policy, TdSettings s)
    {
        if (s.L1 is double l1)
        {
            int rows = policy.Rows;
            double sumAbs = 0;
            for (int r = 0; r < rows; r++) sumAbs += TensorPrimitives.SumOfMagnitudes(policy.Row(r));
            float penalty = (float)(l1 * sumAbs / (rows * (double)policy.Cols));
            for (int r = 0; r < l.Length; r++) l[r] += penalty;
        }
        if (s.DampenLosses > 0)
            for (int r = 0; r < l.Length; r++) l[r] = (float)s.DampenLosses * MathF.Log(1 + l[r]);
        if (s.Clamp > 0)
            for (int r = 0; r < l.Length; r++) l[r] = Math.Clamp(l[r], 0f, (float)s.Clamp);
    }

    /// <summary>
    /// e = p·γ − l, rounded after the product and after the difference as two library calls per row did (bit-identical):
    /// 2 x 128 calls on 48-wide rows cost more than their arithmetic.
    /// </summary>
    private static void ScaleSubtract(ReadOnlySpan<float> p, float gamma, float l, Span<float> e)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float pr = ref MemoryMarshal.GetReference(p), er = ref MemoryMarshal.GetReference(e);
            var vg = Vector256.Create(gamma);
            var vl = Vector256.Create(l);
            for (; j <= e.Length - Vector256<float>.Count; j += Vector256<float>.Count)
                (Vector256.LoadUnsafe(ref pr, (nuint)j) * vg - vl).StoreUnsafe(ref er, (nuint)j);
        }
        for (; j < e.Length; j++) e[j] = p[j] * gamma - l;
    }
}
