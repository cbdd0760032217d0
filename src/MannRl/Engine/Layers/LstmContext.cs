namespace MannRl.Engine;

/// <summary>
/// The per-call state of an <see cref="Lstm"/>: every step's gates, cells and hidden states of every layer (what
/// backpropagation through time reads), the final and initial states' values and gradients, and the backward
/// scratch (made by the first backward). Sized once for a most sequences and steps; no allocation per call.
/// </summary>
public sealed class LstmContext
{
    internal LstmContext(int layers, int inputSize, int hiddenSize, int maxSequences, int maxSteps, Compute compute)
    {
        Compute = compute;
        if (maxSequences < 1 || maxSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(maxSequences), $"LSTM context for {maxSequences} sequences of {maxSteps} steps: both must be at least 1");
        MaxSequences = maxSequences;
        MaxSteps = maxSteps;
        MaxRows = checked(maxSequences * maxSteps);
        int h = hiddenSize, g = 4 * hiddenSize;
        Gates = new Matrix[layers];
        Cells = new Matrix[layers];
        CellTanh = new Matrix[layers];
        Hidden = new Matrix[layers];
        for (int l = 0; l < layers; l++)
        {
            Gates[l] = new Matrix(MaxRows, g);
            Cells[l] = new Matrix(MaxRows, h);
            CellTanh[l] = new Matrix(MaxRows, h);
            Hidden[l] = new Matrix(MaxRows, h);
        }
        FinalHidden = new Matrix(layers * maxSequences, h);
        FinalCell = new Matrix(layers * maxSequences, h);
        InitialHiddenGradient = new Matrix(layers * maxSequences, h);
        InitialCellGradient = new Matrix(layers * maxSequences, h);
        ZeroState = new Matrix(maxSequences, h);
        Bias = new float[g + Matrix.Padding];
        _inputSize = inputSize;
        _hiddenSize = hiddenSize;
    }

    /// <summary>The threads the products may use.</summary>
    public Compute Compute { get; }

    private readonly int _inputSize, _hiddenSize;
    private BackwardBuffers? _backward;

    /// <summary>The backward scratch, made by the first backward: a context that only evaluates never holds it.</summary>
    internal BackwardBuffers Backward => _backward ??= new BackwardBuffers(MaxRows, MaxSequences, _inputSize, _hiddenSize);

    /// <summary>Most sequences per batch.</summary>
    public int MaxSequences { get; }

    /// <summary>Most steps per sequence.</summary>
    public int MaxSteps { get; }

    /// <summary>Most rows (sequences x steps) per batch.</summary>
    public int MaxRows { get; }

    /// <summary>
    /// Whether backward must compute dL/dx. False when the input is data (one-hot symbols, word vectors), which
    /// saves the first layer's input product.
    /// </summary>
    public bool NeedsInputGradient { get; set; } = true;

    /// <summary>
    /// Final hidden state of every sequence, after its own last step: (layers x sequences, hidden), row
    /// <c>layer·sequences + s</c> (PyTorch's <c>h_n</c>), sequences in the batch's order.
    /// </summary>
    public Matrix FinalHidden { get; }

    /// <summary>Final cell state of every sequence, laid out as <see cref="FinalHidden"/> (PyTorch's <c>c_n</c>).</summary>
    public Matrix FinalCell { get; }

    /// <summary>After backward: dL/d(initial hidden state), laid out as <see cref="FinalHidden"/>.</summary>
    public Matrix InitialHiddenGradient { get; }

    /// <summary>After backward: dL/d(initial cell state), laid out as <see cref="FinalHidden"/>.</summary>
    public Matrix InitialCellGradient { get; }

    // Per layer, one row per packed row: gate activations [i f g o] (rows, 4H), cell c, tanh(c), hidden h (rows, H).
    internal Matrix[] Gates { get; }
    internal Matrix[] Cells { get; }
    internal Matrix[] CellTanh { get; }
    internal Matrix[] Hidden { get; }

    internal Matrix ZeroState { get; }
    internal float[] Bias { get; }

    // What the last forward ran on.
    internal Matrix? X { get; set; }
    internal PackedBatch? Batch { get; set; }
    internal Matrix? InitialHidden { get; set; }
    internal Matrix? InitialCell { get; set; }

    /// <summary>What backpropagation through time needs besides the forward's record.</summary>
    internal sealed class BackwardBuffers(int maxRows, int maxSequences, int inputSize, int hiddenSize)
    {
        public Matrix GateGradient { get; } = new(maxRows, 4 * hiddenSize);
        public Matrix PreviousHidden { get; } = new(maxRows, hiddenSize);
        public Matrix[] HiddenGradient { get; } = [new(maxRows, hiddenSize), new(maxRows, hiddenSize)];
        public Matrix NextHiddenGradient { get; } = new(maxSequences, hiddenSize);
        public Matrix NextCellGradient { get; } = new(maxSequences, hiddenSize);
        public Matrix InputGradient { get; } = new(maxRows, inputSize);
        public float[] BiasGradient { get; } = new float[4 * hiddenSize + Matrix.Padding];
        public float[] Ones { get; } = OnesOf(maxRows);

        private static float[] OnesOf(int n)
        {
            var a = new float[n + Matrix.Padding];
            a.AsSpan(0, n).Fill(1f);
            return a;
        }
    }
}
