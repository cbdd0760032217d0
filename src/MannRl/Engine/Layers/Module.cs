namespace MannRl.Engine;

/// <summary>
/// A layer or a composition of layers with an explicit forward and backward pass. Activations that backward
/// needs live in a <see cref="ModuleContext"/> made by <see cref="CreateContext"/>, not in the module, so one
/// module can run forward on two batches (the memory-net's TD loss) before one backward through both.
/// </summary>
public abstract class Module
{
    /// <summary>Width of one input row.</summary>
    public abstract int InFeatures { get; }

    /// <summary>Width of one output row.</summary>
    public abstract int OutFeatures { get; }

    /// <summary>Trainable parameters, in PyTorch's registration order.</summary>
    public abstract IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Allocates the buffers of one forward/backward call for up to <paramref name="maxRows"/> rows, whose products
    /// may use the threads <paramref name="compute"/> allows.
    /// </summary>
    public abstract ModuleContext CreateContext(int maxRows, Compute compute);

    /// <summary>
    /// Computes the output for the live rows of <paramref name="x"/> (shape rows x InFeatures). The result is
    /// owned by <paramref name="ctx"/> and overwritten by its next call. <paramref name="x"/> must stay
    /// unchanged until <see cref="Backward"/> has run on the same context.
    /// </summary>
    public abstract Matrix Forward(Matrix x, ModuleContext ctx, bool training);

    /// <summary>
    /// Given dL/dy for the last forward on <paramref name="ctx"/>, adds dL/dθ into the parameter gradients and
    /// returns dL/dx (owned by the context; meaningless when <see cref="ModuleContext.NeedsInputGradient"/> is false).
    /// </summary>
    public abstract Matrix Backward(Matrix dy, ModuleContext ctx);

    /// <summary>Clears the gradients of all parameters.</summary>
    public void ZeroGrad()
    {
        for (int i = 0; i < Parameters.Count; i++) Parameters[i].ZeroGrad(); // no enumerator per step
    }

    /// <summary>Total number of trainable values.</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Length);

    /// <summary>Checks a forward input's width and row count against the context.</summary>
    protected void CheckInput(Matrix x, ModuleContext ctx)
    {
        if (x.Cols != InFeatures)
            throw new ArgumentException($"{GetType().Name}: input has {x.Cols} features, expected {InFeatures}");
        if (x.Rows > ctx.MaxRows)
            throw new ArgumentException($"{GetType().Name}: {x.Rows} rows, the context was made for {ctx.MaxRows}");
    }
}

/// <summary>The per-call state of a module: its output, its input gradient and what backward needs.</summary>
public class ModuleContext
{
    /// <summary>Creates a context for up to <paramref name="maxRows"/> rows.</summary>
    public ModuleContext(int maxRows) => MaxRows = maxRows;

    /// <summary>Most rows a forward call may have.</summary>
    public int MaxRows { get; }

    /// <summary>
    /// Whether backward must compute dL/dx. False for a network's first layer when its input is data (the
    /// memories are stored detached), which saves the largest product of the backward pass.
    /// </summary>
    public virtual bool NeedsInputGradient { get; set; } = true;

    /// <summary>
    /// How many leading columns of dL/dx backward must compute when <see cref="NeedsInputGradient"/> (all by default).
    /// A net whose input is cat(embedding, memory) only trains through the embedding's columns; a Linear then skips
    /// the product for the rest, which it leaves undefined.
    /// </summary>
    public virtual int InputGradientColumns { get; set; } = int.MaxValue;

    /// <summary>Whether the last forward ran in training mode.</summary>
    public bool Training { get; set; }
}
