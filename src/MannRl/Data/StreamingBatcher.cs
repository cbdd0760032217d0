using MannRl.Engine;

namespace MannRl.Data;

/// <summary>
/// Streams sequences through a batch of slots, one symbol per step (spec section 3). When a slot's sequence
/// ends the next unused sequence takes the slot, without a memory reset; when none is left the slot is
/// dropped and the batch shrinks. Slots keep their identity (memory rows follow them). A pass ends when
/// fewer than <see cref="MinSlots"/> slots remain (2 in training, where BatchNorm needs two rows).
/// </summary>
public sealed class StreamingBatcher
{
    private readonly int[] _sequenceOfSlot, _positionOfSlot, _present;
    private IReadOnlyList<Sequence> _sequences = [];
    private int[] _order = [];
    private int _nextSequence, _presentCount;
    private bool _started;

    /// <summary>Creates a batcher of <paramref name="slots"/> slots.</summary>
    public StreamingBatcher(int slots, int minSlots)
    {
        if (slots < 1) throw new ArgumentOutOfRangeException(nameof(slots), $"batch size must be at least 1, got {slots}");
        if (minSlots < 1 || minSlots > slots)
            throw new ArgumentOutOfRangeException(nameof(minSlots), $"min slots {minSlots} must be in 1..{slots}");
        SlotCount = slots;
        MinSlots = minSlots;
        _sequenceOfSlot = new int[slots];
        _positionOfSlot = new int[slots];
        _present = new int[slots];
    }

    /// <summary>Number of slots (the batch size).</summary>
    public int SlotCount { get; }

    /// <summary>Fewest slots a step may have.</summary>
    public int MinSlots { get; }

    /// <summary>Slots present in the current step, ascending.</summary>
    public ReadOnlySpan<int> Present => _present.AsSpan(0, _presentCount);

    /// <summary>Number of present slots.</summary>
    public int Count => _presentCount;

    /// <summary>
    /// Starts a pass over <paramref name="sequences"/>, in an order shuffled by <paramref name="shuffle"/>
    /// (or as given when null), filling every slot it can.
    /// </summary>
    public void Restart(IReadOnlyList<Sequence> sequences, Rng? shuffle)
    {
        _sequences = sequences;
        if (_order.Length != sequences.Count) _order = new int[sequences.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        shuffle?.Shuffle(_order.AsSpan());
        _nextSequence = 0;
        _presentCount = 0;
        for (int s = 0; s < SlotCount; s++)
        {
            _sequenceOfSlot[s] = -1;
            if (TakeNext(s)) _present[_presentCount++] = s;
        }
        _started = false;
    }

    /// <summary>Moves to the next step; false when the pass is over (fewer than <see cref="MinSlots"/> slots).</summary>
    public bool Next()
    {
        if (_started)
        {
            int kept = 0;
            for (int i = 0; i < _presentCount; i++)
            {
                int s = _present[i];
                if (++_positionOfSlot[s] >= _sequences[_sequenceOfSlot[s]].Length && !TakeNext(s)) continue;
                _present[kept++] = s;
            }
            _presentCount = kept;
        }
        _started = true;
        return _presentCount >= MinSlots;
    }

    /// <summary>
    /// The pass's position: the order, the next unused sequence, each slot's sequence and position, the present
    /// slots, and whether the first step was taken (for <see cref="Restore"/>).
    /// </summary>
    public (int[] Order, int[] Slots, int NextSequence, int PresentCount, bool Started) Capture()
    {
        var slots = new int[3 * SlotCount];
        _sequenceOfSlot.CopyTo(slots, 0);
        _positionOfSlot.CopyTo(slots, SlotCount);
        _present.CopyTo(slots, 2 * SlotCount);
        return ((int[])_order.Clone(), slots, _nextSequence, _presentCount, _started);
    }

    /// <summary>Continues a pass over <paramref name="sequences"/> (the same list) from a position <see cref="Capture"/> returned.</summary>
    /// <exception cref="InvalidDataException">The position does not fit the sequences or the slots.</exception>
    public void Restore(IReadOnlyList<Sequence> sequences, int[] order, int[] slots, int nextSequence, int presentCount, bool started)
    {
        if (order.Length != sequences.Count || slots.Length != 3 * SlotCount || nextSequence < 0 || nextSequence > order.Length
            || presentCount < 0 || presentCount > SlotCount || order.Any(q => (uint)q >= (uint)sequences.Count))
            throw new InvalidDataException("the run's resume state has a batcher position that does not fit the training data; start the run over in a new RUNDIR");
        _sequences = sequences;
        _order = (int[])order.Clone();
        slots.AsSpan(0, SlotCount).CopyTo(_sequenceOfSlot);
        slots.AsSpan(SlotCount, SlotCount).CopyTo(_positionOfSlot);
        slots.AsSpan(2 * SlotCount, SlotCount).CopyTo(_present);
        _nextSequence = nextSequence;
        _presentCount = presentCount;
        _started = started;
    }

    private bool TakeNext(int slot)
    {
        while (_nextSequence < _order.Length)
        {
            int q = _order[_nextSequence++];
            if (_sequences[q].Length == 0) continue;
            _sequenceOfSlot[slot] = q;
            _positionOfSlot[slot] = 0;
            return true;
        }
        _sequenceOfSlot[slot] = -1;
        return false;
    }

    /// <summary>Index (in the pass's sequence list) of the sequence in <paramref name="slot"/>.</summary>
    public int SequenceOf(int slot) => _sequenceOfSlot[slot];

    /// <summary>Position inside its sequence of <paramref name="slot"/>'s current symbol.</summary>
    public int PositionOf(int slot) => _positionOfSlot[slot];

    /// <summary>True when <paramref name="slot"/> is at the last symbol of its sequence.</summary>
    public bool AtEnd(int slot) => _positionOfSlot[slot] == _sequences[_sequenceOfSlot[slot]].Length - 1;

    /// <summary>The target class of <paramref name="slot"/>'s current symbol.</summary>
    public int TargetOf(int slot) => _sequences[_sequenceOfSlot[slot]].Targets[_positionOfSlot[slot]];

    /// <summary>Writes <paramref name="slot"/>'s current input (one-hot or dense) into <paramref name="row"/>.</summary>
    public void WriteInput(int slot, Span<float> row)
    {
        var seq = _sequences[_sequenceOfSlot[slot]];
        int pos = _positionOfSlot[slot];
        if (seq.InputIds is { } ids)
        {
            row.Clear();
            row[ids[pos]] = 1f;
        }
        else
        {
            seq.InputVectors.AsSpan(pos * row.Length, row.Length).CopyTo(row);
        }
    }
}
