namespace MannRl.Data.Logic;

/// <summary>
/// One logic sequence as symbols, one character per step, e.g. inputs <c>or10=|</c> with targets <c>.or101</c>: the
/// targets are the inputs shifted right by one, starting with <c>.</c>, and the target at <c>|</c> is the result.
/// </summary>
/// <param name="Inputs">Input symbols, ending with <c>=|</c>.</param>
/// <param name="Targets">Target symbols, same length.</param>
public sealed record LogicExample(string Inputs, string Targets)
{
    /// <summary>The result of the expression (the last target), 0 or 1.</summary>
    public char Answer => Targets[^1];

    /// <summary>The one-hot sequence the networks read.</summary>
    public Sequence ToSequence() => Sequence.OneHot(LogicAlphabet.Ids(Inputs), LogicAlphabet.Ids(Targets));
}
