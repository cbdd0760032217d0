namespace MannRl.Data;

/// <summary>The content of a <see cref="SymbolDataFile"/>: a training and a validation split, and the header of a generated task.</summary>
/// <param name="Task">The task named in the file (<c>copy</c>, ...), or null for the original's logic format, which names none.</param>
/// <param name="Alphabet">The symbols of the sequences.</param>
/// <param name="Train">Training sequences.</param>
/// <param name="Validation">Validation sequences.</param>
public sealed record SymbolDataSet(string? Task, SymbolAlphabet Alphabet, IReadOnlyList<SymbolExample> Train, IReadOnlyList<SymbolExample> Validation)
{
    /// <summary>Every sequence: the training split, then the validation split.</summary>
    public IReadOnlyList<SymbolExample> All => [.. Train, .. Validation];
}
