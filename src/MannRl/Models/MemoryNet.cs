using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// The memory-net f(m_t, in_t, out_t) → m_{t+1}, every dimension in [0, 1] (Sigmoid output). Trained by
/// Q-learning, so it must run forward on two batches (actual and policy) before one backward through both:
/// each call gets its own <see cref="ModuleContext"/>. Memories given to it are data (stored detached), so
/// backward only accumulates parameter gradients.
/// </summary>
public abstract class MemoryNet
{
    /// <summary>Creates the net's shared parts.</summary>
    protected MemoryNet(int inputDim, int actionDim, int memoryDim, NamedTensors tensors)
    {
        InputDim = inputDim;
        ActionDim = actionDim;
        MemoryDim = memoryDim;
        Tensors = tensors;
    }

    /// <summary>Input width.</summary>
    public int InputDim { get; }

    /// <summary>Width of the action fed in, or 0 for the "no action" (NA) variants.</summary>
    public int ActionDim { get; }

    /// <summary>Memory width (in and out).</summary>
    public int MemoryDim { get; }

    /// <summary>Whether the action net's output is an input (variants without the NA suffix).</summary>
    public bool UsesAction => ActionDim > 0;

    /// <summary>Named parameters and buffers (checkpoints).</summary>
    public NamedTensors Tensors { get; }

    /// <summary>Trainable parameters.</summary>
    public IReadOnlyList<Parameter> Parameters => Tensors.Parameters;

    /// <summary>Number of trainable values.</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Length);

    /// <summary>Allocates the buffers of one forward/backward call.</summary>
    public abstract ModuleContext CreateContext(int maxRows);

    /// <summary>
    /// The next memory (rows x MemoryDim) from inputs (rows x InputDim), actions (rows x ActionDim; ignored by
    /// NA variants) and memories (rows x MemoryDim). The result is owned by <paramref name="ctx"/>.
    /// </summary>
    public abstract Matrix Forward(Matrix input, Matrix action, Matrix memory, ModuleContext ctx, bool training);

    /// <summary>Adds the parameter gradients for dL/d(next memory) of the last forward on <paramref name="ctx"/>.</summary>
    public abstract void Backward(Matrix dNext, ModuleContext ctx);
}
