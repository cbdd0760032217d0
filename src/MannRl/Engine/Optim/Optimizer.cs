namespace MannRl.Engine;

/// <summary>
/// Updates a fixed list of parameters from their gradients. State buffers are named
/// <c>{parameter index}.{buffer}</c> (PyTorch's names: exp_avg, exp_avg_sq, square_avg) so they can be saved
/// next to a checkpoint and restored to resume.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Creates an optimizer over <paramref name="parameters"/>.</summary>
    protected Optimizer(IReadOnlyList<Parameter> parameters, float learningRate)
    {
        if (!(learningRate >= 0) || float.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"Invalid learning rate: {learningRate}");
        Parameters = parameters;
        LearningRate = learningRate;
    }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Current learning rate (a scheduler may change it).</summary>
    public float LearningRate { get; set; }

    /// <summary>
    /// The threads an update of a large parameter may use (<see cref="Compute.SingleThread"/> unless set); the
    /// results are the same for every setting.
    /// </summary>
    public Compute Compute { get; init; } = Compute.SingleThread;

    /// <summary>Number of steps taken.</summary>
    public long Steps { get; set; }

    /// <summary>One update from the current gradients.</summary>
    public void Step() => Step(1f, clearGradients: false);

    /// <summary>
    /// One update from the current gradients times <paramref name="gradientScale"/>, exactly as if they had been
    /// multiplied by it first (<see cref="GradClip.Coefficient"/>): the same rounded products, formed in registers,
    /// which saves clipping's pass over every gradient. The stored gradients are left unscaled, or with
    /// <paramref name="clearGradients"/> set to zero as they are read (what <see cref="ZeroGrad"/> before the next
    /// backward would do, without its own pass).
    /// </summary>
    public void Step(float gradientScale, bool clearGradients)
    {
        Steps++;
        GradientScale = gradientScale;
        ClearGradients = clearGradients;
        BeginStep();
        for (int i = 0; i < Parameters.Count; i++)
        {
            Update(i, Parameters[i]);
            Parameters[i].MarkChanged();
        }
        GradientScale = 1f;
        ClearGradients = false;
    }

    /// <summary>The factor the current <see cref="Step(float, bool)"/> applies to every gradient value (1: none).</summary>
    protected float GradientScale { get; private set; } = 1f;

    /// <summary>Whether the current <see cref="Step(float, bool)"/> zeroes each gradient value after reading it.</summary>
    protected bool ClearGradients { get; private set; }

    /// <summary>Clears the gradients of all parameters.</summary>
    public void ZeroGrad()
    {
        for (int i = 0; i < Parameters.Count; i++) Parameters[i].ZeroGrad(); // no enumerator per step
    }

    /// <summary>Computes what every parameter's update of this step shares (once per step, not per parameter).</summary>
    protected virtual void BeginStep()
    {
    }

    /// <summary>Updates parameter <paramref name="index"/> (the step counter is already incremented).</summary>
    protected abstract void Update(int index, Parameter p);

    /// <summary>The state buffers by name (live arrays: write into them to restore).</summary>
    public abstract IReadOnlyDictionary<string, float[]> State { get; }

    /// <summary>Makes one zeroed state buffer per parameter for each buffer name.</summary>
    protected static Dictionary<string, float[]> MakeState(IReadOnlyList<Parameter> parameters, params string[] buffers)
    {
        var state = new Dictionary<string, float[]>();
        for (int i = 0; i < parameters.Count; i++)
            foreach (var b in buffers) state[$"{i}.{b}"] = new float[parameters[i].Length];
        return state;
    }
}
