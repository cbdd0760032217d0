using MannRl.Config;
using MannRl.Engine;
using MannRl.Engine.Kernels;

namespace MannRl.Models;

/// <summary>
/// The LSTM baseline (<c>model: lstm</c>): an <see cref="Engine.Lstm"/> over the inputs of whole sequences and a Linear
/// decision layer from its hidden state to the target logits at every step, then a row Softmax, as an action net
/// ends. Trained by backpropagation through time, not by reinforcement; no memory-net. Tensors are named as the
/// PyTorch module <c>lstm = nn.LSTM(I, H, L); decision = nn.Linear(H, T)</c> would name them
/// (<c>lstm.weight_ih_l0</c>, ..., <c>decision.weight</c>, <c>decision.bias</c>).
/// </summary>
public sealed class LstmNet : Network
{
    private readonly Softmax _softmax;

    /// <summary>Creates the net, initialised from <paramref name="rng"/> as PyTorch initialises nn.LSTM and nn.Linear.</summary>
    public LstmNet(int inputDim, int hiddenDim, int layers, int targetDim, Rng rng)
        : base(inputDim, new NamedTensors(rng))
    {
        Lstm = Tensors.Lstm("lstm", inputDim, hiddenDim, layers);
        Decision = Tensors.Linear("decision", hiddenDim, targetDim);
        TargetDim = targetDim;
        _softmax = new Softmax(targetDim);
    }

    /// <summary>
    /// The net of a config with <c>model: lstm</c> (<c>lstm_hidden_dim</c>, <c>lstm_layers</c>) for inputs of
    /// <paramref name="inputDim"/> and <paramref name="targetDim"/> targets, initialised from the stream
    /// <c>action-init</c> forked from <paramref name="rng"/> (the first fork, as the MANN-RL action net's); with
    /// <paramref name="learnedEmbeddingDim"/> the inputs are one-hot ids embedded by a trainable lookup first.
    /// </summary>
    public static LstmNet Create(ExperimentConfig config, int inputDim, int targetDim, int? learnedEmbeddingDim, Rng rng)
    {
        var net = new LstmNet(learnedEmbeddingDim ?? inputDim, config.LstmHiddenDim, config.LstmLayers, targetDim, rng.Fork("action-init"));
        if (learnedEmbeddingDim is not null) net.UseLearnedInputEmbedding(inputDim);
        return net;
    }

    /// <summary>The recurrent layers.</summary>
    public Lstm Lstm { get; }

    /// <summary>The decision layer: hidden state → logits.</summary>
    public Linear Decision { get; }

    /// <summary>Number of target classes.</summary>
    public int TargetDim { get; }

    /// <summary>
    /// Allocates the buffers of one forward/backward call for up to <paramref name="maxSequences"/> sequences of up to
    /// <paramref name="maxSteps"/> steps, whose products may use the threads <paramref name="compute"/> allows.
    /// </summary>
    public LstmNetContext CreateContext(int maxSequences, int maxSteps, Compute compute)
    {
        int rows = checked(maxSequences * maxSteps);
        var embedding = CreateEmbeddingContext(rows, compute);
        var lstm = Lstm.CreateContext(maxSequences, maxSteps, compute);
        lstm.NeedsInputGradient = embedding is not null; // otherwise the inputs are data
        return new LstmNetContext(lstm, Decision.CreateContext(rows, compute), _softmax.CreateContext(rows, compute), embedding)
        {
            // The largest op(A) of the products over all rows: inputs, gate gradients and logits times a weight, and the
            // transposed gate and logit gradients of the weight gradients.
            LargestProducts = [(rows, Math.Max(Math.Max(Lstm.InputSize, 4 * Lstm.HiddenSize), TargetDim)), (Math.Max(4 * Lstm.HiddenSize, TargetDim), rows)],
        };
    }

    /// <summary>
    /// Logits (packed rows x TargetDim) for the sequences of <paramref name="batch"/>, whose inputs are the packed rows of
    /// <paramref name="input"/> (rows x ExternalInputDim), each sequence from a zero state. With
    /// <paramref name="probabilities"/> the Softmax runs too (<see cref="LstmNetContext.Probabilities"/>).
    /// </summary>
    public Matrix Forward(Matrix input, PackedBatch batch, LstmNetContext ctx, bool training, bool probabilities)
    {
        // Batches of whole sequences vary in rows: without this, the products' workspace would grow (allocate) at every
        // training batch longer than all before it on this thread.
        if (training)
            foreach (var (m, k) in ctx.LargestProducts) Gemm.ReserveWorkspace(m, k);
        var x = EmbedInput(input, ctx.Embedding, training);
        var h = Lstm.Forward(x, batch, ctx.Lstm); // (rows, H)
        ctx.Logits = Decision.Forward(h, ctx.Decision, training); // (rows, T)
        if (probabilities) ctx.Probabilities = _softmax.Forward(ctx.Logits, ctx.Softmax, training);
        return ctx.Logits;
    }

    /// <summary>
    /// Backpropagates a gradient with respect to the probabilities, or to the logits when
    /// <paramref name="gradientIsForLogits"/>, through time (cut every <paramref name="truncateSteps"/> steps when
    /// positive); adds into the parameter gradients.
    /// </summary>
    public void Backward(Matrix grad, LstmNetContext ctx, bool gradientIsForLogits, int truncateSteps)
    {
        var dLogits = gradientIsForLogits ? grad : _softmax.Backward(grad, ctx.Softmax);
        var dh = Decision.Backward(dLogits, ctx.Decision);
        var dx = Lstm.Backward(dh, ctx.Lstm, truncateSteps: truncateSteps);
        BackwardEmbedding(ctx.Lstm.NeedsInputGradient ? dx : null, ctx.Embedding);
    }
}

/// <summary>Per-call buffers of an <see cref="LstmNet"/>.</summary>
public sealed class LstmNetContext(LstmContext lstm, ModuleContext decision, ModuleContext softmax, ModuleContext? embedding)
{
    internal LstmContext Lstm { get; } = lstm;

    internal ModuleContext Decision { get; } = decision;

    internal ModuleContext Softmax { get; } = softmax;

    internal ModuleContext? Embedding { get; } = embedding;

    /// <summary>Most sequences per call.</summary>
    public int MaxSequences => Lstm.MaxSequences;

    /// <summary>The op(A) shapes of the largest matrix products a call runs (for <see cref="Gemm.ReserveWorkspace"/>).</summary>
    internal (int M, int K)[] LargestProducts { get; init; } = [];

    /// <summary>Most steps per sequence.</summary>
    public int MaxSteps => Lstm.MaxSteps;

    /// <summary>Logits of the last forward.</summary>
    public Matrix Logits { get; internal set; } = null!;

    /// <summary>Probabilities of the last forward (when it computed them).</summary>
    public Matrix Probabilities { get; internal set; } = null!;
}
