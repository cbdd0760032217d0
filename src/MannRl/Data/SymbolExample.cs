namespace MannRl.Data;

/// <summary>One sequence of a generated task as symbols, one character per step, inputs and targets of equal length.</summary>
/// <param name="Inputs">Input symbols.</param>
/// <param name="Targets">Target symbols, one per input.</param>
public sealed record SymbolExample(string Inputs, string Targets)
{
    /// <summary>The one-hot sequence the networks read, with ids from <paramref name="alphabet"/>.</summary>
    public Sequence ToSequence(SymbolAlphabet alphabet) => Sequence.OneHot(alphabet.Ids(Inputs), alphabet.Ids(Targets));
}
