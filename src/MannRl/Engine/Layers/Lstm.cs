using MannRl.Engine.Kernels;

namespace MannRl.Engine;

/// <summary>
/// PyTorch's <c>nn.LSTM</c> (batch of packed sequences, no dropout, unidirectional): per layer and step,
/// [i f g o] = x·W_ihᵀ + b_ih + h₋·W_hhᵀ + b_hh, then i, f, o = σ, g = tanh, c = f ⊙ c₋ + i ⊙ g, h = o ⊙ tanh(c);
/// layer l &gt; 0 reads layer l−1's h. Parameters per layer are <c>weight_ih_l{l}</c> (4H x in),
/// <c>weight_hh_l{l}</c> (4H x H), <c>bias_ih_l{l}</c>, <c>bias_hh_l{l}</c> (4H), initialised as PyTorch does:
/// each uniform in ±1/sqrt(H), in that order.
/// </summary>
/// <remarks>
/// The batch is a <see cref="PackedBatch"/>. The input products of all steps are one product per layer; each step then
/// adds h₋·W_hhᵀ for the sequences still running and applies the cell (<see cref="LstmCell"/>). Backward runs the steps
/// in reverse (backpropagation through time, optionally cut every k steps), then forms the weight gradients as one
/// product each over all rows.
/// </remarks>
public sealed class Lstm
{
    private readonly LayerWeights[] _layers;

    /// <summary>Creates an LSTM of <paramref name="layers"/> layers initialised from <paramref name="rng"/>.</summary>
    public Lstm(int inputSize, int hiddenSize, int layers, Rng rng)
    {
        if (inputSize <= 0 || hiddenSize <= 0 || layers <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize), $"LSTM(input {inputSize}, hidden {hiddenSize}, layers {layers}): all must be positive");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        float bound = 1f / MathF.Sqrt(hiddenSize);
        _layers = new LayerWeights[layers];
        var parameters = new List<Parameter>();
        for (int l = 0; l < layers; l++)
        {
            var w = _layers[l] = new LayerWeights(l, l == 0 ? inputSize : hiddenSize, hiddenSize);
            foreach (var p in w.Parameters)
            {
                foreach (ref float v in p.Values) v = rng.Uniform(-bound, bound);
                parameters.Add(p);
            }
        }
        Parameters = parameters;
    }

    /// <summary>Width of one input row.</summary>
    public int InputSize { get; }

    /// <summary>Hidden (and cell) width H.</summary>
    public int HiddenSize { get; }

    /// <summary>Number of stacked layers.</summary>
    public int Layers => _layers.Length;

    /// <summary>
    /// Parameters in PyTorch's registration order, named as PyTorch's (<see cref="Parameter.Name"/>):
    /// weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, weight_ih_l1, ...
    /// </summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Allocates the buffers of one forward/backward call for up to <paramref name="maxSequences"/> sequences of up to
    /// <paramref name="maxSteps"/> steps, whose products may use the threads <paramref name="compute"/> allows.
    /// </summary>
    public LstmContext CreateContext(int maxSequences, int maxSteps, Compute compute) =>
        new(Layers, InputSize, HiddenSize, maxSequences, maxSteps, compute);

    /// <summary>
    /// Runs the sequences of <paramref name="batch"/>: <paramref name="x"/> holds their inputs as packed rows
    /// (batch.Rows x InputSize). Returns the last layer's hidden state at every packed row (owned by
    /// <paramref name="ctx"/>); the final states are in <see cref="LstmContext.FinalHidden"/> and
    /// <see cref="LstmContext.FinalCell"/>. The initial states <paramref name="h0"/> and <paramref name="c0"/>
    /// (layers x sequences, H; PyTorch's <c>(h_0, c_0)</c>) default to zero. The inputs must stay unchanged until
    /// backward.
    /// </summary>
    public Matrix Forward(Matrix x, PackedBatch batch, LstmContext ctx, Matrix? h0 = null, Matrix? c0 = null)
    {
        int rows = batch.Rows, b = batch.Sequences, h = HiddenSize, g = 4 * HiddenSize;
        if (x.Cols != InputSize || x.Rows != rows)
            throw new ArgumentException($"LSTM: input is {x.Rows}x{x.Cols}, the batch needs {rows}x{InputSize}");
        if (b > ctx.MaxSequences || batch.Steps > ctx.MaxSteps)
            throw new ArgumentException($"LSTM: {b} sequences of up to {batch.Steps} steps, the context was made for {ctx.MaxSequences} x {ctx.MaxSteps}");
        CheckState(h0, b, "h0");
        CheckState(c0, b, "c0");
        ctx.X = x;
        ctx.Batch = batch;
        ctx.InitialHidden = h0;
        ctx.InitialCell = c0;
        var zero = ctx.ZeroState;

        var input = x;
        for (int l = 0; l < Layers; l++)
        {
            var w = _layers[l];
            w.Refresh();
            var gates = ctx.Gates[l].WithRows(rows);   // (rows, 4H)
            var cells = ctx.Cells[l].WithRows(rows);   // (rows, H)
            var cellTanh = ctx.CellTanh[l].WithRows(rows);
            var hidden = ctx.Hidden[l].WithRows(rows);

            // Pre-activations of every step at once: b_ih + b_hh + x·W_ihᵀ.
            var bias = ctx.Bias.AsSpan(0, g);
            System.Numerics.Tensors.TensorPrimitives.Add(w.BiasIh.Values, w.BiasHh.Values, bias);
            for (int r = 0; r < rows; r++) bias.CopyTo(gates.Row(r));
            Gemm.Multiply(ctx.Compute, rows, g, w.InFeatures, input.Data.AsSpan(input.Offset), input.Stride, false,
                w.WeightIhT, g, gates.Data, g, accumulate: true);

            for (int t = 0; t < batch.Steps; t++)
            {
                int n = batch.BatchSize(t), at = batch.Offset(t);
                // The state before step t: the initial state, or the first n rows of step t−1.
                var (hPrev, hAt) = t == 0 ? (h0 ?? zero, h0 is null ? 0 : l * b) : (hidden, batch.Offset(t - 1));
                var (cPrev, cAt) = t == 0 ? (c0 ?? zero, c0 is null ? 0 : l * b) : (cells, batch.Offset(t - 1));
                Gemm.Multiply(ctx.Compute, n, g, h, hPrev.Data.AsSpan(hPrev.Offset + hAt * hPrev.Stride), hPrev.Stride, false,
                    w.WeightHhT, g, gates.Data.AsSpan(at * g), g, accumulate: true);
                for (int r = 0; r < n; r++)
                    LstmCell.Forward(gates.Row(at + r), cPrev.Row(cAt + r), cells.Row(at + r), cellTanh.Row(at + r), hidden.Row(at + r));
            }

            var lengths = batch.Lengths;
            for (int s = 0; s < b; s++)
            {
                int last = batch.Row(lengths[s] - 1, s);
                hidden.Row(last).CopyTo(ctx.FinalHidden.Row(l * b + s));
                cells.Row(last).CopyTo(ctx.FinalCell.Row(l * b + s));
            }
            input = hidden;
        }
        ctx.FinalHidden.WithRows(Layers * b);
        ctx.FinalCell.WithRows(Layers * b);
        return input;
    }

    /// <summary>
    /// Given dL/d(output) <paramref name="dy"/> (packed rows x H) for the last forward on <paramref name="ctx"/>, and
    /// optionally dL/d(final states) <paramref name="dhN"/>, <paramref name="dcN"/> (laid out as h_n), backpropagates
    /// through time and adds into the parameter gradients. With <paramref name="truncateSteps"/> = k &gt; 0 the
    /// gradient does not flow from step t into step t−1 where t is a multiple of k (the state is detached every k
    /// steps, as truncated BPTT does; the forward is unchanged). Returns dL/dx (packed rows x InputSize; meaningless
    /// when <see cref="LstmContext.NeedsInputGradient"/> is false); the initial states' gradients go to
    /// <see cref="LstmContext.InitialHiddenGradient"/> and <see cref="LstmContext.InitialCellGradient"/>.
    /// </summary>
    public Matrix Backward(Matrix dy, LstmContext ctx, Matrix? dhN = null, Matrix? dcN = null, int truncateSteps = 0)
    {
        var batch = ctx.Batch ?? throw new InvalidOperationException("LSTM.Backward before Forward");
        var x = ctx.X!;
        int rows = batch.Rows, b = batch.Sequences, h = HiddenSize, g = 4 * HiddenSize;
        if (dy.Rows != rows || dy.Cols != h)
            throw new ArgumentException($"LSTM.Backward: dy is {dy.Rows}x{dy.Cols}, expected {rows}x{h}");
        CheckState(dhN, b, "dh_n");
        CheckState(dcN, b, "dc_n");
        if (truncateSteps < 0) throw new ArgumentOutOfRangeException(nameof(truncateSteps), $"truncateSteps = {truncateSteps}; use 0 (whole sequences) or a positive step count");
        var zero = ctx.ZeroState;
        var buffers = ctx.Backward;
        var dGates = buffers.GateGradient.WithRows(rows);
        var dh = buffers.NextHiddenGradient.WithRows(b);
        var dc = buffers.NextCellGradient.WithRows(b);
        var dOut = dy;
        Matrix dx = buffers.InputGradient.WithRows(rows);

        for (int l = Layers - 1; l >= 0; l--)
        {
            var w = _layers[l];
            var gates = ctx.Gates[l];
            var cells = ctx.Cells[l];
            var cellTanh = ctx.CellTanh[l];
            StartState(dhN, l, b, dh);
            StartState(dcN, l, b, dc);

            for (int t = batch.Steps - 1; t >= 0; t--)
            {
                int n = batch.BatchSize(t), at = batch.Offset(t);
                var (cPrev, cAt) = t == 0 ? (ctx.InitialCell ?? zero, ctx.InitialCell is null ? 0 : l * b) : (cells, batch.Offset(t - 1));
                // Rows that end at this step still hold dh_n, dc_n: later steps only wrote the rows still running then.
                for (int r = 0; r < n; r++)
                    LstmCell.Backward(gates.Row(at + r), cPrev.Row(cAt + r), cellTanh.Row(at + r), dOut.Row(at + r), dh.Row(r), dc.Row(r), dGates.Row(at + r));
                if (t > 0 && truncateSteps > 0 && t % truncateSteps == 0)
                {
                    for (int r = 0; r < n; r++) { dh.Row(r).Clear(); dc.Row(r).Clear(); }
                    continue;
                }
                // dh₋ = dgates·W_hh for the n sequences of this step.
                Gemm.Multiply(ctx.Compute, n, h, g, dGates.Data.AsSpan(at * g), g, false, w.WeightHh.Value, h, dh.Data, h, accumulate: false);
            }
            for (int s = 0; s < b; s++)
            {
                dh.Row(s).CopyTo(ctx.InitialHiddenGradient.Row(l * b + s));
                dc.Row(s).CopyTo(ctx.InitialCellGradient.Row(l * b + s));
            }

            // Weight gradients over all rows at once. The state each step read: h0 (or zero) at step 0, else step t−1's.
            var hidden = ctx.Hidden[l];
            var previous = buffers.PreviousHidden.WithRows(rows);
            var h0 = ctx.InitialHidden;
            for (int s = 0; s < b; s++) (h0 is null ? zero.Row(s) : h0.Row(l * b + s)).CopyTo(previous.Row(s));
            for (int t = 1; t < batch.Steps; t++)
            {
                int n = batch.BatchSize(t);
                hidden.Data.AsSpan(batch.Offset(t - 1) * h, n * h).CopyTo(previous.Data.AsSpan(batch.Offset(t) * h, n * h));
            }
            var input = l == 0 ? x : ctx.Hidden[l - 1];
            Gemm.Multiply(ctx.Compute, g, w.InFeatures, rows, dGates.Data, g, true, input.Data.AsSpan(input.Offset), input.Stride,
                w.WeightIh.Grad, w.InFeatures, accumulate: true);
            Gemm.Multiply(ctx.Compute, g, h, rows, dGates.Data, g, true, previous.Data, h, w.WeightHh.Grad, h, accumulate: true);
            // Both biases get the column sums of the gate gradients: 1ᵀ·dgates.
            var db = buffers.BiasGradient.AsSpan(0, g);
            Gemm.Multiply(ctx.Compute, 1, g, rows, buffers.Ones, rows, false, dGates.Data, g, buffers.BiasGradient, g, accumulate: false);
            System.Numerics.Tensors.TensorPrimitives.Add(w.BiasIh.Gradient, db, w.BiasIh.Gradient);
            System.Numerics.Tensors.TensorPrimitives.Add(w.BiasHh.Gradient, db, w.BiasHh.Gradient);

            // dL/d(input of this layer) = dgates·W_ih: the next layer down's dy, or dx.
            if (l == 0 && !ctx.NeedsInputGradient) break;
            var dInput = l == 0 ? dx : buffers.HiddenGradient[l % 2].WithRows(rows);
            Gemm.Multiply(ctx.Compute, rows, w.InFeatures, g, dGates.Data, g, false, w.WeightIh.Value, w.InFeatures, dInput.Data, dInput.Stride, accumulate: false);
            dOut = dInput;
        }
        ctx.InitialHiddenGradient.WithRows(Layers * b);
        ctx.InitialCellGradient.WithRows(Layers * b);
        return dx;
    }

    private void CheckState(Matrix? state, int sequences, string what)
    {
        if (state is not null && (state.Rows != Layers * sequences || state.Cols != HiddenSize))
            throw new ArgumentException($"LSTM: {what} is {state.Rows}x{state.Cols}, expected (layers x sequences) {Layers * sequences}x{HiddenSize}");
    }

    /// <summary>Sets <paramref name="into"/> to layer <paramref name="layer"/>'s rows of a final-state gradient, or zero.</summary>
    private static void StartState(Matrix? state, int layer, int sequences, Matrix into)
    {
        for (int s = 0; s < sequences; s++)
        {
            if (state is null) into.Row(s).Clear();
            else state.Row(layer * sequences + s).CopyTo(into.Row(s));
        }
    }

    /// <summary>One layer's parameters and the transposed weights its forward products read.</summary>
    private sealed class LayerWeights
    {
        private int _ihVersion = -1, _hhVersion = -1;

        public LayerWeights(int layer, int inFeatures, int hidden)
        {
            InFeatures = inFeatures;
            WeightIh = new Parameter($"weight_ih_l{layer}", 4 * hidden, inFeatures);
            WeightHh = new Parameter($"weight_hh_l{layer}", 4 * hidden, hidden);
            BiasIh = new Parameter($"bias_ih_l{layer}", 4 * hidden);
            BiasHh = new Parameter($"bias_hh_l{layer}", 4 * hidden);
            WeightIhT = new float[inFeatures * 4 * hidden + Matrix.Padding];
            WeightHhT = new float[hidden * 4 * hidden + Matrix.Padding];
        }

        public int InFeatures { get; }
        public Parameter WeightIh { get; }
        public Parameter WeightHh { get; }
        public Parameter BiasIh { get; }
        public Parameter BiasHh { get; }
        public float[] WeightIhT { get; } // (in, 4H)
        public float[] WeightHhT { get; } // (H, 4H)

        public Parameter[] Parameters => [WeightIh, WeightHh, BiasIh, BiasHh];

        public void Refresh()
        {
            if (_ihVersion != WeightIh.Version)
            {
                Transpose.Run(WeightIh.Value, WeightIh.Shape[0], InFeatures, WeightIhT);
                _ihVersion = WeightIh.Version;
            }
            if (_hhVersion != WeightHh.Version)
            {
                Transpose.Run(WeightHh.Value, WeightHh.Shape[0], WeightHh.Shape[1], WeightHhT);
                _hhVersion = WeightHh.Version;
            }
        }
    }
}
