using MannRl.Data;

namespace MannRl.Evaluation;

/// <summary>
/// Accumulates one evaluation from per-step predictions, by a task's <see cref="Scoring"/>: the confusion counts of
/// the steps that count, and per sequence whether its answer was right. Sequences may interleave (one slot each, as
/// the streaming evaluator runs them); each slot's steps arrive in order. Optionally also per group of sequences
/// (e.g. a length bin), from the same predictions.
/// </summary>
public sealed class ScoreCounter
{
    private readonly int _classes;
    private readonly Scoring _scoring;
    private readonly bool[] _answerRight;
    private readonly ConfusionCounts _counts;
    private long _answers, _answersRight;
    private readonly SortedDictionary<int, GroupCounts> _groups = [];

    /// <summary>Creates zero counts over <paramref name="classes"/> target classes for <paramref name="slots"/> slots.</summary>
    public ScoreCounter(int classes, Scoring scoring, int slots)
    {
        _classes = classes;
        _scoring = scoring;
        _answerRight = new bool[slots];
        _counts = new ConfusionCounts(classes);
    }

    /// <summary>Sets every count to zero.</summary>
    public void Clear()
    {
        _counts.Clear();
        _answers = _answersRight = 0;
        _groups.Clear();
    }

    /// <summary>
    /// Counts one step of the sequence in <paramref name="slot"/>: its <paramref name="position"/> (0 starts a
    /// sequence), target and prediction, and whether it is the sequence's last step. <paramref name="group"/> names
    /// the sequence's group, or is null when groups are not kept.
    /// </summary>
    public void Add(int slot, int position, int target, int predicted, bool lastStep, int? group = null)
    {
        if (position == 0) _answerRight[slot] = true;
        if (!_scoring.Counts(target))
        {
            if (lastStep) FinishAnswer(slot, group);
            return;
        }
        _counts.Add(target, predicted);
        if (group is int g) Group(g).Counts.Add(target, predicted);
        if (_scoring.IsAnswerStep(target, lastStep) && predicted != target) _answerRight[slot] = false;
        if (lastStep) FinishAnswer(slot, group);
    }

    /// <summary>The evaluation so far, with the groups seen when groups were kept.</summary>
    public EvaluationResult Result()
    {
        var groups = _groups.Count == 0 ? null : _groups.ToDictionary(kv => kv.Key, kv => kv.Value.Result(_scoring));
        return new EvaluationResult(Copy(_counts), Share(_scoring, _answersRight, _answers)) { Groups = groups, Sequences = _answers };
    }

    private void FinishAnswer(int slot, int? group)
    {
        _answers++;
        bool right = _answerRight[slot];
        if (right) _answersRight++;
        if (group is int g)
        {
            var counts = Group(g);
            counts.Answers++;
            if (right) counts.AnswersRight++;
        }
    }

    private GroupCounts Group(int group)
    {
        if (!_groups.TryGetValue(group, out var counts)) _groups[group] = counts = new GroupCounts(new ConfusionCounts(_classes));
        return counts;
    }

    private ConfusionCounts Copy(ConfusionCounts counts)
    {
        var copy = new ConfusionCounts(_classes);
        copy.Merge(counts);
        return copy;
    }

    private static double? Share(Scoring scoring, long right, long total) => scoring.HasAnswer && total > 0 ? (double)right / total : null;

    private sealed class GroupCounts(ConfusionCounts counts)
    {
        public ConfusionCounts Counts { get; } = counts;
        public long Answers { get; set; }
        public long AnswersRight { get; set; }

        public EvaluationResult Result(Scoring scoring) => new(Counts, Share(scoring, AnswersRight, Answers)) { Sequences = Answers };
    }
}
