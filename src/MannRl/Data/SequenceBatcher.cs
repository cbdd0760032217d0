using MannRl.Engine;

namespace MannRl.Data;

/// <summary>
/// Cuts a pass over sequences into batches of whole sequences for backpropagation through time: the pass's order
/// (shuffled as <see cref="StreamingBatcher"/> shuffles it, so both learners see the sequences in the same order)
/// is taken <see cref="BatchSize"/> sequences at a time, the last batch smaller. Each batch is packed
/// (<see cref="PackedBatch"/>: longest first, rows step by step, no padding) into <see cref="Inputs"/> and
/// <see cref="Targets"/>. Empty sequences are skipped. Buffers are sized once for the longest sequence allowed.
/// </summary>
public sealed class SequenceBatcher
{
    private readonly int[] _members, _lengths, _targets;
    private IReadOnlyList<Sequence> _sequences = [];
    private int[] _order = [];
    private int _next;

    /// <summary>Creates a batcher of <paramref name="batchSize"/> sequences of up to <paramref name="maxSteps"/> steps with inputs <paramref name="inputDim"/> wide.</summary>
    public SequenceBatcher(int batchSize, int maxSteps, int inputDim)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch size must be at least 1, got {batchSize}");
        BatchSize = batchSize;
        Batch = new PackedBatch(batchSize, Math.Max(1, maxSteps));
        Inputs = new Matrix(batchSize * Batch.MaxSteps, inputDim);
        _targets = new int[batchSize * Batch.MaxSteps];
        _members = new int[batchSize];
        _lengths = new int[batchSize];
    }

    /// <summary>Most sequences per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Most steps per sequence.</summary>
    public int MaxSteps => Batch.MaxSteps;

    /// <summary>The current batch's layout.</summary>
    public PackedBatch Batch { get; }

    /// <summary>The current batch's inputs, packed (Batch.Rows x input width).</summary>
    public Matrix Inputs { get; }

    /// <summary>The current batch's target classes, one per packed row.</summary>
    public ReadOnlySpan<int> Targets => _targets.AsSpan(0, Batch.Rows);

    /// <summary>The longest of <paramref name="sequences"/> (0 when empty).</summary>
    public static int LongestOf(IReadOnlyList<Sequence> sequences)
    {
        int longest = 0;
        for (int i = 0; i < sequences.Count; i++) longest = Math.Max(longest, sequences[i].Length);
        return longest;
    }

    /// <summary>Starts a pass over <paramref name="sequences"/>, in an order shuffled by <paramref name="shuffle"/> (or as given when null).</summary>
    public void Restart(IReadOnlyList<Sequence> sequences, Rng? shuffle)
    {
        int longest = LongestOf(sequences);
        if (longest > MaxSteps)
            throw new ArgumentException($"a sequence has {longest} steps; this batcher was sized for {MaxSteps}");
        _sequences = sequences;
        if (_order.Length != sequences.Count) _order = new int[sequences.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        shuffle?.Shuffle(_order.AsSpan());
        _next = 0;
    }

    /// <summary>The pass's position: its order and the next sequence to take (for <see cref="Restore"/>).</summary>
    public (int[] Order, int Next) Capture() => ((int[])_order.Clone(), _next);

    /// <summary>
    /// Continues a pass over <paramref name="sequences"/> (the same list) from a position <see cref="Capture"/> returned;
    /// the next <see cref="Next"/> packs the batch after the one last packed.
    /// </summary>
    /// <exception cref="InvalidDataException">The position does not fit the sequences.</exception>
    public void Restore(IReadOnlyList<Sequence> sequences, int[] order, int next)
    {
        if (order.Length != sequences.Count || next < 0 || next > order.Length || order.Any(q => (uint)q >= (uint)sequences.Count))
            throw new InvalidDataException("the run's resume state has a batcher position that does not fit the training data; start the run over in a new RUNDIR");
        _sequences = sequences;
        _order = (int[])order.Clone();
        _next = next;
    }

    /// <summary>Packs the next batch; false when the pass is over.</summary>
    public bool Next()
    {
        int n = 0;
        while (n < BatchSize && _next < _order.Length)
        {
            int q = _order[_next++];
            if (_sequences[q].Length > 0) _members[n++] = q;
        }
        if (n == 0) return false;

        // Longest first; equal lengths keep the pass's order (insertion sort: stable, at most a batch).
        for (int i = 1; i < n; i++)
        {
            int q = _members[i], len = _sequences[q].Length, j = i - 1;
            for (; j >= 0 && _sequences[_members[j]].Length < len; j--) _members[j + 1] = _members[j];
            _members[j + 1] = q;
        }
        for (int i = 0; i < n; i++) _lengths[i] = _sequences[_members[i]].Length;
        Batch.SetLengths(_lengths.AsSpan(0, n));
        var x = Inputs.WithRows(Batch.Rows);
        for (int t = 0; t < Batch.Steps; t++)
        {
            for (int s = 0; s < Batch.BatchSize(t); s++)
            {
                int row = Batch.Row(t, s);
                var seq = _sequences[_members[s]];
                _targets[row] = seq.Targets[t];
                var xr = x.Row(row);
                if (seq.InputIds is { } ids)
                {
                    xr.Clear();
                    xr[ids[t]] = 1f;
                }
                else
                {
                    seq.InputVectors.AsSpan(t * xr.Length, xr.Length).CopyTo(xr);
                }
            }
        }
        return true;
    }

    /// <summary>Index (in the pass's sequence list) of the current batch's sequence <paramref name="s"/> (0 = the longest).</summary>
    public int SequenceOf(int s) => _members[s];
}
