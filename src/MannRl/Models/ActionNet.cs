using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// The action network A(in_t, m_t) → out_t: a probability vector over targets. Every variant computes
/// logits and ends with a row Softmax, so the loss can be taken on the probabilities (the original) or on
/// the logits.
/// </summary>
public abstract class ActionNet : Network
{
    /// <summary>Creates the net's shared parts.</summary>
    protected ActionNet(int inputDim, int memoryDim, int targetDim, NamedTensors tensors)
        : base(inputDim, tensors)
    {
        MemoryDim = memoryDim;
        TargetDim = targetDim;
        _softmax = new Softmax(targetDim);
    }

    private readonly Softmax _softmax;

    /// <summary>Memory width.</summary>
    public int MemoryDim { get; }

    /// <summary>Number of target classes.</summary>
    public int TargetDim { get; }

    /// <summary>Allocates the buffers of one forward/backward call.</summary>
    public ActionContext CreateContext(int maxRows, Compute compute)
    {
        var embedding = CreateEmbeddingContext(maxRows, compute);
        return new(maxRows, CreateBodyContext(maxRows, inputGradient: embedding is not null, compute), _softmax.CreateContext(maxRows, compute), embedding);
    }

    /// <summary>Probabilities (rows x TargetDim) for inputs (rows x ExternalInputDim) and memories (rows x MemoryDim).</summary>
    public Matrix Forward(Matrix input, Matrix memory, ActionContext ctx, bool training)
    {
        if (input.Rows != memory.Rows || memory.Cols != MemoryDim)
            throw new ArgumentException($"action net: input has {input.Rows} rows, memory {memory.Rows}x{memory.Cols}; expected memory width {MemoryDim}");
        input = EmbedInput(input, ctx.Embedding, training);
        ctx.Logits = ForwardLogits(input, memory, ctx.Body, training);
        ctx.Probabilities = _softmax.Forward(ctx.Logits, ctx.Softmax, training);
        return ctx.Probabilities;
    }

    /// <summary>
    /// Backpropagates a gradient with respect to the probabilities, or with respect to the logits when
    /// <paramref name="gradientIsForLogits"/>; adds into the parameter gradients.
    /// </summary>
    public void Backward(Matrix grad, ActionContext ctx, bool gradientIsForLogits)
    {
        var dLogits = gradientIsForLogits ? grad : _softmax.Backward(grad, ctx.Softmax);
        BackwardEmbedding(BackwardLogits(dLogits, ctx.Body), ctx.Embedding);
    }

    /// <summary>Makes the variant's own context; with <paramref name="inputGradient"/> its backward must return dL/dinput.</summary>
    protected abstract ModuleContext CreateBodyContext(int maxRows, bool inputGradient, Compute compute);

    /// <summary>Computes the logits.</summary>
    protected abstract Matrix ForwardLogits(Matrix input, Matrix memory, ModuleContext ctx, bool training);

    /// <summary>Backpropagates from the logits; returns dL/dinput when the context asked for it, else null.</summary>
    protected abstract Matrix? BackwardLogits(Matrix dLogits, ModuleContext ctx);
}

/// <summary>Per-call buffers of an action net.</summary>
public sealed class ActionContext(int maxRows, ModuleContext body, ModuleContext softmax, ModuleContext? embedding)
{
    internal ModuleContext? Embedding { get; } = embedding;

    /// <summary>Most rows per call.</summary>
    public int MaxRows { get; } = maxRows;

    internal ModuleContext Body { get; } = body;

    internal ModuleContext Softmax { get; } = softmax;

    /// <summary>Logits of the last forward.</summary>
    public Matrix Logits { get; internal set; } = null!;

    /// <summary>Probabilities of the last forward.</summary>
    public Matrix Probabilities { get; internal set; } = null!;
}
