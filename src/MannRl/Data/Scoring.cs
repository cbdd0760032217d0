namespace MannRl.Data;

/// <summary>
/// Which steps of a task's sequences its metrics count, and what makes a sequence's answer right (the
/// <c>answer_accuracy</c> column): every step and no answer (POS, sentences); every step and the last step as the
/// answer (logic: the result at <c>|</c>); or only the recall phase, the steps whose target is not the blank
/// symbol, with the answer right when all of them are (memory tasks: whole-sequence exact match).
/// </summary>
public sealed class Scoring
{
    private readonly int _blankTarget;

    private Scoring(string name, bool answerAtEnd, int blankTarget)
    {
        Name = name;
        AnswerAtEnd = answerAtEnd;
        _blankTarget = blankTarget;
    }

    /// <summary>Every step counts; no answer.</summary>
    public static Scoring EveryStep { get; } = new("every step", false, -1);

    /// <summary>Every step counts; the answer is the last step (logic).</summary>
    public static Scoring LastStepAnswer { get; } = new("every step, answer = last step", true, -1);

    /// <summary>
    /// Only the recall phase counts: steps whose target is not <paramref name="blankTarget"/> (the target of the
    /// steps that present the data); the answer is right when every one of them is (exact match).
    /// </summary>
    public static Scoring RecallPhase(int blankTarget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blankTarget);
        return new Scoring("recall phase, answer = exact match", false, blankTarget);
    }

    /// <summary>A short description for messages and reports.</summary>
    public string Name { get; }

    /// <summary>The answer is the last step of a sequence.</summary>
    public bool AnswerAtEnd { get; }

    /// <summary>Only steps whose target is not the blank target count.</summary>
    public bool RecallOnly => _blankTarget >= 0;

    /// <summary>Sequences have an answer (answer accuracy or exact match is reported).</summary>
    public bool HasAnswer => AnswerAtEnd || RecallOnly;

    /// <summary>Whether a step with this target enters the metrics.</summary>
    public bool Counts(int target) => target != _blankTarget;

    /// <summary>Whether a step is part of the sequence's answer.</summary>
    public bool IsAnswerStep(int target, bool lastStep) => AnswerAtEnd ? lastStep : RecallOnly && target != _blankTarget;

    /// <inheritdoc />
    public override string ToString() => Name;
}
