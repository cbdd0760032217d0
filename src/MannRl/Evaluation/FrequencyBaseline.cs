using System.Runtime.InteropServices;
using MannRl.Data;

namespace MannRl.Evaluation;

/// <summary>
/// The most-frequent-symbol baseline of any task (<c>mannrl baseline freq</c>), generalised from POS's
/// most-frequent-tag baseline: for each input (a one-hot symbol, or a dense input vector compared exactly) the target
/// seen most often with it in the training split, over the steps the task's <see cref="Scoring"/> counts; an input
/// never seen there gets the most frequent target overall. Ties go to the target seen first (the POS baseline's
/// rule). It is the best a predictor can do from the current input alone, without memory, on the training data:
/// what MANN-RL's memory has to add to.
/// </summary>
public sealed class FrequencyBaseline
{
    private readonly Dictionary<InputKey, int> _best;
    private readonly int _inputDim;

    private FrequencyBaseline(Dictionary<InputKey, int> best, int defaultTarget, int inputDim, int targetDim)
    {
        _best = best;
        DefaultTarget = defaultTarget;
        _inputDim = inputDim;
        TargetDim = targetDim;
    }

    /// <summary>The most frequent target of the training steps, predicted for inputs never seen there.</summary>
    public int DefaultTarget { get; }

    /// <summary>Number of target classes.</summary>
    public int TargetDim { get; }

    /// <summary>Distinct inputs seen in training.</summary>
    public int InputCount => _best.Count;

    /// <summary>Counts the targets of every input in <paramref name="data"/>'s training split.</summary>
    public static FrequencyBaseline Train(SequenceDataset data) => Train(data.Train, data.Scoring, data.InputDim, data.TargetDim);

    /// <summary>Counts the targets of every input of the steps <paramref name="scoring"/> counts in <paramref name="train"/>.</summary>
    public static FrequencyBaseline Train(IReadOnlyList<Sequence> train, Scoring scoring, int inputDim, int targetDim)
    {
        // Per input, counts per target and the order in which targets first appeared (for ties).
        var perInput = new Dictionary<InputKey, TargetCounts>();
        var overall = new TargetCounts(targetDim);
        foreach (var sequence in train)
            for (int t = 0; t < sequence.Length; t++)
            {
                int target = sequence.Targets[t];
                if (!scoring.Counts(target)) continue;
                var key = InputKey.Of(sequence, t, inputDim);
                if (!perInput.TryGetValue(key, out var counts)) perInput[key] = counts = new TargetCounts(targetDim);
                counts.Add(target);
                overall.Add(target);
            }
        if (overall.Total == 0) throw new ArgumentException("the baseline needs at least one counted training step", nameof(train));
        var best = perInput.ToDictionary(kv => kv.Key, kv => kv.Value.MostFrequent());
        return new FrequencyBaseline(best, overall.MostFrequent(), inputDim, targetDim);
    }

    /// <summary>The predicted target of step <paramref name="position"/> of <paramref name="sequence"/>.</summary>
    public int Predict(Sequence sequence, int position) =>
        _best.TryGetValue(InputKey.Of(sequence, position, _inputDim), out int target) ? target : DefaultTarget;

    /// <summary>
    /// Scores the baseline on <paramref name="sequences"/> as the evaluator scores a network (the same steps, the same
    /// answers); <paramref name="groupOf"/> groups sequences by index as there.
    /// </summary>
    public EvaluationResult Evaluate(IReadOnlyList<Sequence> sequences, Scoring scoring, Func<int, int>? groupOf = null)
    {
        var score = new ScoreCounter(TargetDim, scoring, slots: 1);
        for (int i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            int? group = groupOf?.Invoke(i);
            for (int t = 0; t < sequence.Length; t++)
                score.Add(0, t, sequence.Targets[t], Predict(sequence, t), t == sequence.Length - 1, group);
        }
        return score.Result();
    }

    /// <summary>An input as a dictionary key: a one-hot id, or a dense vector compared bit for bit.</summary>
    private readonly struct InputKey : IEquatable<InputKey>
    {
        private readonly int _id;
        private readonly float[]? _vectors;
        private readonly int _offset, _length, _hash;

        private InputKey(int id, float[]? vectors, int offset, int length, int hash)
        {
            _id = id;
            _vectors = vectors;
            _offset = offset;
            _length = length;
            _hash = hash;
        }

        public static InputKey Of(Sequence sequence, int position, int inputDim)
        {
            if (sequence.InputIds is { } ids) return new InputKey(ids[position], null, 0, 0, ids[position]);
            var vectors = sequence.InputVectors!;
            var bits = MemoryMarshal.Cast<float, int>(vectors.AsSpan(position * inputDim, inputDim));
            var hash = new HashCode();
            foreach (int b in bits) hash.Add(b);
            return new InputKey(-1, vectors, position * inputDim, inputDim, hash.ToHashCode());
        }

        private ReadOnlySpan<int> Bits => _vectors is null ? [] : MemoryMarshal.Cast<float, int>(_vectors.AsSpan(_offset, _length));

        public bool Equals(InputKey other) => _id == other._id && _hash == other._hash && Bits.SequenceEqual(other.Bits);

        public override bool Equals(object? obj) => obj is InputKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }

    private sealed class TargetCounts(int targets)
    {
        private readonly long[] _counts = new long[targets];
        private readonly List<int> _firstSeen = [];

        public long Total { get; private set; }

        public void Add(int target)
        {
            if (_counts[target]++ == 0) _firstSeen.Add(target);
            Total++;
        }

        public int MostFrequent()
        {
            int best = _firstSeen[0];
            foreach (int t in _firstSeen) if (_counts[t] > _counts[best]) best = t;
            return best;
        }
    }
}
