namespace MannRl.Engine;

/// <summary>
/// The layout of a batch of sequences of different lengths, as PyTorch's <c>PackedSequence</c>: sequences sorted by
/// length, longest first, and the rows of all their steps stored step by step without padding. Step t holds the
/// <see cref="BatchSize"/>(t) sequences still running, in rows <see cref="Offset"/>(t) .. Offset(t) + BatchSize(t) − 1,
/// so sequence s at step t is row Offset(t) + s. A padded position has no row: it takes no work and no gradient, and
/// a sequence's state stops at its last step. Sized once for a most sequences and steps; <see cref="SetLengths"/>
/// reuses the storage.
/// </summary>
public sealed class PackedBatch
{
    private readonly int[] _lengths, _batchSizes, _offsets;

    /// <summary>Creates a layout for up to <paramref name="maxSequences"/> sequences of up to <paramref name="maxSteps"/> steps.</summary>
    public PackedBatch(int maxSequences, int maxSteps)
    {
        if (maxSequences < 1 || maxSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(maxSequences), $"PackedBatch({maxSequences}, {maxSteps}): both must be at least 1");
        MaxSequences = maxSequences;
        MaxSteps = maxSteps;
        _lengths = new int[maxSequences];
        _batchSizes = new int[maxSteps];
        _offsets = new int[maxSteps + 1];
    }

    /// <summary>Most sequences a batch may hold.</summary>
    public int MaxSequences { get; }

    /// <summary>Most steps a sequence may have.</summary>
    public int MaxSteps { get; }

    /// <summary>Sequences in the batch.</summary>
    public int Sequences { get; private set; }

    /// <summary>Steps of the longest sequence.</summary>
    public int Steps { get; private set; }

    /// <summary>Rows of all steps together: the sum of the lengths.</summary>
    public int Rows => _offsets[Steps];

    /// <summary>The lengths, longest first.</summary>
    public ReadOnlySpan<int> Lengths => _lengths.AsSpan(0, Sequences);

    /// <summary>Sequences still running at step <paramref name="step"/> (PyTorch's <c>batch_sizes[step]</c>).</summary>
    public int BatchSize(int step) => _batchSizes[step];

    /// <summary>First row of step <paramref name="step"/>.</summary>
    public int Offset(int step) => _offsets[step];

    /// <summary>Row of sequence <paramref name="sequence"/> at step <paramref name="step"/> (it must still run then).</summary>
    public int Row(int step, int sequence) => _offsets[step] + sequence;

    /// <summary>Sets the batch to sequences of these lengths, which must be non-increasing and each in 1..MaxSteps.</summary>
    public void SetLengths(ReadOnlySpan<int> lengths)
    {
        if (lengths.Length < 1 || lengths.Length > MaxSequences)
            throw new ArgumentException($"PackedBatch: {lengths.Length} sequences, the batch holds 1..{MaxSequences}");
        for (int s = 0; s < lengths.Length; s++)
        {
            if (lengths[s] < 1 || lengths[s] > MaxSteps)
                throw new ArgumentException($"PackedBatch: sequence {s} has {lengths[s]} steps, allowed 1..{MaxSteps}");
            if (s > 0 && lengths[s] > lengths[s - 1])
                throw new ArgumentException($"PackedBatch: lengths must be sorted longest first; sequence {s} ({lengths[s]}) is longer than {s - 1} ({lengths[s - 1]})");
        }
        lengths.CopyTo(_lengths);
        Sequences = lengths.Length;
        Steps = lengths[0];
        int running = lengths.Length;
        for (int t = 0; t < Steps; t++)
        {
            while (lengths[running - 1] <= t) running--;
            _batchSizes[t] = running;
            _offsets[t + 1] = _offsets[t] + running;
        }
    }
}
