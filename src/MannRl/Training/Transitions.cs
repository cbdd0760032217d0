using MannRl.Engine;

namespace MannRl.Training;

/// <summary>Row buffers of a stacked batch of replay transitions (t → t+1).</summary>
public sealed class Transitions
{
    /// <summary>
    /// Allocates buffers for up to <paramref name="maxRows"/> rows of transitions over <paramref name="steps"/> steps
    /// (t → t+n with n = <paramref name="steps"/>; 1 = the original's one-step transitions, <c>mem_n_step</c>).
    /// </summary>
    public Transitions(int maxRows, int inputDim, int memoryDim, int actionDim, int steps = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Steps = steps;
        StepLosses = new float[steps > 1 ? maxRows * steps : 0];
        Input = new Matrix(maxRows, inputDim); NextInput = new Matrix(maxRows, inputDim);
        Memory = new Matrix(maxRows, memoryDim); NextMemory = new Matrix(maxRows, memoryDim);
        Action = new Matrix(maxRows, actionDim); NextAction = new Matrix(maxRows, actionDim);
        NextLoss = new float[maxRows];
    }

    /// <summary>n, the steps a transition spans: the "next" rows are those of step t+n.</summary>
    public int Steps { get; }

    /// <summary>
    /// The action losses of steps t+1 .. t+n, n per row (row r's k-th at r·n + k), for n &gt; 1; empty for n = 1, whose
    /// one loss is <see cref="NextLoss"/>.
    /// </summary>
    public float[] StepLosses { get; }

    /// <summary>in_t.</summary>
    public Matrix Input { get; }

    /// <summary>m_t.</summary>
    public Matrix Memory { get; }

    /// <summary>out_t (or the one-hot target).</summary>
    public Matrix Action { get; }

    /// <summary>in_{t+n}.</summary>
    public Matrix NextInput { get; }

    /// <summary>m_{t+n}.</summary>
    public Matrix NextMemory { get; }

    /// <summary>out_{t+n} (or the one-hot target).</summary>
    public Matrix NextAction { get; }

    /// <summary>Action loss of step t+1, per row (for n &gt; 1 the learner writes the discounted, shaped sum here).</summary>
    public float[] NextLoss { get; }

    /// <summary>Live rows.</summary>
    public int Rows => Input.Rows;

    internal void SetRows(int rows)
    {
        Input.WithRows(rows); Memory.WithRows(rows); Action.WithRows(rows);
        NextInput.WithRows(rows); NextMemory.WithRows(rows); NextAction.WithRows(rows);
    }
}
