using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// What the action net and the memory-net share: named tensors, the input width, and an optional learned
/// input embedding (<c>pos_embeddings: learned:DIM</c>): a Linear over one-hot ids, looked up by row, that
/// sits in front of the variant so the variant sees DIM-wide inputs.
/// </summary>
public abstract class Network
{
    private Linear? _inputEmbedding;

    /// <summary>Creates the shared parts.</summary>
    protected Network(int inputDim, NamedTensors tensors)
    {
        InputDim = inputDim;
        Tensors = tensors;
    }

    /// <summary>Input width the variant reads (the embedding width when a learned embedding is used).</summary>
    public int InputDim { get; }

    /// <summary>Width of the input the caller passes (the vocabulary with a learned embedding).</summary>
    public int ExternalInputDim => _inputEmbedding?.InFeatures ?? InputDim;

    /// <summary>Named parameters and buffers (checkpoints).</summary>
    public NamedTensors Tensors { get; }

    /// <summary>Trainable parameters.</summary>
    public IReadOnlyList<Parameter> Parameters => Tensors.Parameters;

    /// <summary>Number of trainable values (logged as the original does).</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Length);

    /// <summary>Puts a trainable embedding of one-hot ids over <paramref name="vocabulary"/> words in front of the net.</summary>
    public void UseLearnedInputEmbedding(int vocabulary)
    {
        if (!SupportsInputGradient) throw new NotSupportedException($"{GetType().Name} cannot train a learned input embedding");
        _inputEmbedding = Tensors.Linear("input_embedding", vocabulary, InputDim);
    }

    /// <summary>Whether the variant can return the gradient with respect to its input.</summary>
    protected virtual bool SupportsInputGradient => true;

    /// <summary>The embedding's context for one call, or null without a learned embedding.</summary>
    protected ModuleContext? CreateEmbeddingContext(int maxRows, Compute compute)
    {
        var ctx = _inputEmbedding?.CreateContext(maxRows, compute);
        if (ctx is not null) ctx.NeedsInputGradient = false; // its input is one-hot data
        return ctx;
    }

    /// <summary>Checks the caller's input width and embeds it when a learned embedding is used.</summary>
    protected Matrix EmbedInput(Matrix input, ModuleContext? ctx, bool training)
    {
        if (input.Cols != ExternalInputDim)
            throw new ArgumentException($"{GetType().Name}: input has {input.Cols} features, expected {ExternalInputDim}");
        return _inputEmbedding is null ? input : _inputEmbedding.Forward(input, ctx!, training);
    }

    /// <summary>Trains the learned embedding from dL/d(variant input); nothing without one.</summary>
    protected void BackwardEmbedding(Matrix? dInput, ModuleContext? ctx)
    {
        if (_inputEmbedding is not null) _inputEmbedding.Backward(dInput!, ctx!);
    }
}
