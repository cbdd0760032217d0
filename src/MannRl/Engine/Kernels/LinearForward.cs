using System.Numerics.Tensors;

namespace MannRl.Engine.Kernels;

/// <summary>
/// A Linear layer's forward product y = x·Wᵀ + b (W out x in), by the fastest of three paths for the batch at hand:
/// one-hot rows look up a row of Wᵀ; up to 16 rows after W changed read W in place (<see cref="SmallBatchForward"/>);
/// anything else is a <see cref="Gemm"/> product with a transposed copy of W, kept until W changes, so the product
/// streams its right operand row-major. Every path gives each output the bits of the general product.
/// </summary>
internal sealed class LinearForward
{
    /// <summary>
    /// Inputs at least this wide are checked for one-hot rows (one 1, zeros elsewhere), which are then looked up instead
    /// of multiplied: symbol inputs of the sentence task and learned word embeddings. Narrower inputs (the 11 logic
    /// symbols) are cheaper to multiply than to scan.
    /// </summary>
    public const int OneHotMinFeatures = 32;

    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private readonly float[] _weightT; // (in, out)
    private int _weightTVersion = -1;

    /// <summary>The forward product of a layer with <paramref name="weight"/> (out x in) and <paramref name="bias"/> (out).</summary>
    public LinearForward(Parameter weight, Parameter bias)
    {
        _weight = weight;
        _bias = bias;
        _weightT = new float[weight.Length + Matrix.Padding];
    }

    private int OutFeatures => _weight.Shape[0];

    private int InFeatures => _weight.Shape[1];

    /// <summary>Per-call buffers for up to <paramref name="maxRows"/> rows.</summary>
    public Buffers CreateBuffers(int maxRows) => new(maxRows, SmallBatchForward.ScratchLength(InFeatures, OutFeatures));

    /// <summary>
    /// y = x·Wᵀ + b for the live rows of <paramref name="x"/>, into <paramref name="y"/> (same rows, out columns). Sets
    /// <see cref="Buffers.OneHot"/> (and the rows' ids) when the rows were looked up.
    /// </summary>
    public void Run(Compute compute, Matrix x, Matrix y, Buffers buffers)
    {
        var bias = _bias.Values;
        buffers.OneHot = InFeatures >= OneHotMinFeatures && FindOneHot(x, buffers.OneHotIds);
        if (buffers.OneHot)
        {
            RefreshTransposedWeight();
            // A one-hot row picks one column of W: y = Wᵀ[id] + b, a row lookup instead of a product.
            for (int r = 0; r < y.Rows; r++)
                TensorPrimitives.Add(_weightT.AsSpan(buffers.OneHotIds[r] * OutFeatures, OutFeatures), bias, y.Row(r));
            return;
        }
        if (x.Rows <= SmallBatchForward.MaxRows && SmallBatchForward.Available
            && (_weightTVersion != _weight.Version || InFeatures * OutFeatures <= SmallBatchForward.AlwaysBelow))
        {
            // A training batch after an optimizer step: reading W in place beats rebuilding Wᵀ for one product; a
            // current Wᵀ (the memory-net's, between its trainings) is faster to multiply by, unless W is small.
            SmallBatchForward.Run(compute, x, _weight.Values, bias, y, buffers.Scratch);
            return;
        }
        RefreshTransposedWeight();
        for (int r = 0; r < y.Rows; r++) bias.CopyTo(y.Row(r));
        Gemm.Multiply(compute, x.Rows, OutFeatures, InFeatures,
            x.Data.AsSpan(x.Offset), x.Stride, false,
            _weightT, OutFeatures,
            y.Data.AsSpan(y.Offset), y.Stride, accumulate: true);
    }

    /// <summary>True when every live row of <paramref name="x"/> is one-hot; their indices go to <paramref name="ids"/>.</summary>
    private static bool FindOneHot(Matrix x, int[] ids)
    {
        for (int r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            int hot = row.IndexOfAnyExcept(0f);
            if (hot < 0 || row[hot] != 1f || row.Slice(hot + 1).IndexOfAnyExcept(0f) >= 0) return false;
            ids[r] = hot;
        }
        return true;
    }

    private void RefreshTransposedWeight()
    {
        if (_weightTVersion == _weight.Version) return;
        Transpose.Run(_weight.Value, OutFeatures, InFeatures, _weightT);
        _weightTVersion = _weight.Version;
    }

    /// <summary>What one forward call leaves for its backward, and the small-batch path's scratch.</summary>
    public sealed class Buffers(int maxRows, int scratchLength)
    {
        /// <summary>Whether the last call's rows were one-hot (looked up, not multiplied).</summary>
        public bool OneHot { get; set; }

        /// <summary>The hot index of each row when <see cref="OneHot"/>.</summary>
        public int[] OneHotIds { get; } = new int[maxRows];

        /// <summary>Scratch of <see cref="SmallBatchForward"/>.</summary>
        public float[] Scratch { get; } = new float[scratchLength];
    }
}
