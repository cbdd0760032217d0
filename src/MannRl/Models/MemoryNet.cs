using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// The memory-net f(m_t, in_t, out_t) → m_{t+1}, every dimension in [0, 1] (Sigmoid output). Trained by
/// Q-learning, so it must run forward on two batches (actual and policy) before one backward through both:
/// each call gets its own <see cref="ModuleContext"/>. Memories given to it are data (stored detached), so
/// backward only accumulates parameter gradients.
/// </summary>
public abstract class MemoryNet : Network
{
    /// <summary>Creates the net's shared parts.</summary>
    protected MemoryNet(int inputDim, int actionDim, int memoryDim, NamedTensors tensors)
        : base(inputDim, tensors)
    {
        ActionDim = actionDim;
        MemoryDim = memoryDim;
    }

    /// <summary>Width of the action fed in, or 0 for the "no action" (NA) variants.</summary>
    public int ActionDim { get; }

    /// <summary>Memory width (in and out).</summary>
    public int MemoryDim { get; }

    /// <summary>Whether the action net's output is an input (variants without the NA suffix).</summary>
    public bool UsesAction => ActionDim > 0;

    /// <summary>
    /// α of a leaky write (<c>mem_leak</c>): the net's output is (1 − α)·m + α·w, w being what the variant writes, so that
    /// a memory keeps 1 − α of itself each step besides what the variant carries over. 1 (the original) writes w.
    /// Set before contexts are created.
    /// </summary>
    public float Leak
    {
        get;
        set
        {
            if (!(value > 0 && value <= 1)) throw new ArgumentOutOfRangeException(nameof(value), $"leak must be in (0, 1], got {value}");
            field = value;
        }
    } = 1f;

    /// <summary>Allocates the buffers of one forward/backward call.</summary>
    public ModuleContext CreateContext(int maxRows, Compute compute)
    {
        var embedding = CreateEmbeddingContext(maxRows, compute);
        var c = new Context(maxRows, CreateCoreContext(maxRows, inputGradient: embedding is not null, compute), embedding);
        if (Leak < 1) { c.Leaky = new Matrix(maxRows, MemoryDim); c.LeakyGrad = new Matrix(maxRows, MemoryDim); }
        return c;
    }

    /// <summary>
    /// The next memory (rows x MemoryDim) from inputs (rows x ExternalInputDim), actions (rows x ActionDim;
    /// ignored by NA variants) and memories (rows x MemoryDim). The result is owned by <paramref name="ctx"/>.
    /// </summary>
    public Matrix Forward(Matrix input, Matrix action, Matrix memory, ModuleContext ctx, bool training)
    {
        var c = (Context)ctx;
        var written = ForwardCore(EmbedInput(input, c.Embedding, training), action, memory, c.Core, training);
        if (c.Leaky is null) return written;
        var next = c.Leaky.WithRows(written.Rows);
        float alpha = Leak, keep = 1f - Leak;
        var w = written.AsSpan();
        var m = memory.AsSpan();
        var o = next.AsSpan();
        for (int i = 0; i < o.Length; i++) o[i] = keep * m[i] + alpha * w[i];
        return next;
    }

    /// <summary>Adds the parameter gradients for dL/d(next memory) of the last forward on <paramref name="ctx"/>.</summary>
    public void Backward(Matrix dNext, ModuleContext ctx)
    {
        var c = (Context)ctx;
        if (c.LeakyGrad is not null)
        {
            // Memories fed in are data (detached): only the written part α·w carries a gradient to the parameters.
            var scaled = c.LeakyGrad.WithRows(dNext.Rows);
            System.Numerics.Tensors.TensorPrimitives.Multiply(dNext.AsSpan(), Leak, scaled.AsSpan());
            dNext = scaled;
        }
        BackwardEmbedding(BackwardCore(dNext, c.Core), c.Embedding);
    }

    /// <summary>Makes the variant's context; with <paramref name="inputGradient"/> its backward must return dL/dinput.</summary>
    protected abstract ModuleContext CreateCoreContext(int maxRows, bool inputGradient, Compute compute);

    /// <summary>The variant's forward on (embedded) inputs.</summary>
    protected abstract Matrix ForwardCore(Matrix input, Matrix action, Matrix memory, ModuleContext ctx, bool training);

    /// <summary>The variant's backward; returns dL/dinput when its context asked for it, else null.</summary>
    protected abstract Matrix? BackwardCore(Matrix dNext, ModuleContext ctx);

    private sealed class Context(int maxRows, ModuleContext core, ModuleContext? embedding) : ModuleContext(maxRows)
    {
        public readonly ModuleContext Core = core;
        public readonly ModuleContext? Embedding = embedding;
        public Matrix? Leaky, LeakyGrad;
    }
}
