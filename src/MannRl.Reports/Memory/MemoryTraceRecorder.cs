using MannRl.Data;
using MannRl.Evaluation;

namespace MannRl.Reports.Memory;

/// <summary>
/// Records <see cref="MemoryTrace"/>s of chosen sequences during an evaluation (pass it as the evaluator's
/// observer). The evaluation itself runs as always, so each trace shows the sequence as evaluation saw it, with the
/// memory its batch slot carried over from the sequences before it.
/// </summary>
public sealed class MemoryTraceRecorder : IStepObserver
{
    private readonly Dictionary<int, Buffer> _buffers = [];
    private readonly IReadOnlyList<Sequence> _sequences;
    private readonly SequenceDataset _data;
    private readonly string _split;
    private readonly int _units;

    /// <summary>Records the sequences of <paramref name="split"/> whose indexes are <paramref name="wanted"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the split.</exception>
    public MemoryTraceRecorder(SequenceDataset data, string split, int memoryUnits, IEnumerable<int> wanted)
        : this(data, data.Split(split), split, memoryUnits, wanted)
    {
    }

    /// <summary>
    /// Records the sequences of <paramref name="sequences"/> (the list evaluated, drawn from <paramref name="data"/>
    /// and named <paramref name="split"/>) whose indexes are <paramref name="wanted"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the list.</exception>
    public MemoryTraceRecorder(SequenceDataset data, IReadOnlyList<Sequence> sequences, string split, int memoryUnits, IEnumerable<int> wanted)
    {
        _data = data;
        _split = split;
        _sequences = sequences;
        _units = memoryUnits;
        foreach (int k in wanted)
        {
            if ((uint)k >= (uint)_sequences.Count)
                throw new ArgumentOutOfRangeException(nameof(wanted), $"sequence {k} is not in {split} (0..{_sequences.Count - 1})");
            int steps = _sequences[k].Length;
            _buffers[k] = new Buffer(new float[steps * memoryUnits], new float[steps * data.TargetDim], new int[steps]);
        }
    }

    /// <inheritdoc/>
    public bool Wants(int sequence) => _buffers.ContainsKey(sequence);

    /// <inheritdoc/>
    public void Step(int sequence, int position, int target, int predicted, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> memory)
    {
        var b = _buffers[sequence];
        memory.CopyTo(b.Memory.AsSpan(position * _units, _units));
        probabilities.CopyTo(b.Probabilities.AsSpan(position * probabilities.Length, probabilities.Length));
        b.Predictions[position] = predicted;
    }

    /// <summary>The trace of sequence <paramref name="sequence"/> (after the evaluation).</summary>
    public MemoryTrace Trace(int sequence)
    {
        var b = _buffers[sequence];
        var q = _sequences[sequence];
        return new MemoryTrace(sequence, _split, _units, b.Memory, b.Probabilities, q.Targets, b.Predictions, q.InputIds,
            _data.TargetSymbols, _data.InputSymbols);
    }

    private sealed record Buffer(float[] Memory, float[] Probabilities, int[] Predictions);
}
