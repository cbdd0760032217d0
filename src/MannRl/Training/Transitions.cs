using MannRl.Engine;

namespace MannRl.Training;

/// <summary>Row buffers of a stacked batch of replay transitions (t → t+1).</summary>
public sealed class Transitions
{
    /// <summary>Allocates buffers for up to <paramref name="maxRows"/> rows.</summary>
    public Transitions(int maxRows, int inputDim, int memoryDim, int actionDim)
    {
        Input = new Matrix(maxRows, inputDim); NextInput = new Matrix(maxRows, inputDim);
        Memory = new Matrix(maxRows, memoryDim); NextMemory = new Matrix(maxRows, memoryDim);
        Action = new Matrix(maxRows, actionDim); NextAction = new Matrix(maxRows, actionDim);
        NextLoss = new float[maxRows];
    }

    /// <summary>in_t.</summary>
    public Matrix Input { get; }

    /// <summary>m_t.</summary>
    public Matrix Memory { get; }

    /// <summary>out_t (or the one-hot target).</summary>
    public Matrix Action { get; }

    /// <summary>in_{t+1}.</summary>
    public Matrix NextInput { get; }

    /// <summary>m_{t+1}.</summary>
    public Matrix NextMemory { get; }

    /// <summary>out_{t+1} (or the one-hot target).</summary>
    public Matrix NextAction { get; }

    /// <summary>Action loss of step t+1, per row.</summary>
    public float[] NextLoss { get; }

    /// <summary>Live rows.</summary>
    public int Rows => Input.Rows;

    internal void SetRows(int rows)
    {
        Input.WithRows(rows); Memory.WithRows(rows); Action.WithRows(rows);
        NextInput.WithRows(rows); NextMemory.WithRows(rows); NextAction.WithRows(rows);
    }
}
