namespace MannRl.Data.Logic;

/// <summary>
/// The 11 symbols of the logic task, in the original's one-hot order: <c>a n d o r x 0 1 = . |</c> (ids 0..10).
/// Inputs and targets share the alphabet.
/// </summary>
public static class LogicAlphabet
{
    /// <summary>The symbols as one string; a symbol's id is its index.</summary>
    public const string Characters = "andorx01=.|";

    /// <summary>Target of the first step (the inputs shifted right start with it).</summary>
    public const char Start = '.';

    /// <summary>Marks the end of the operands; the target at this step is the last operand.</summary>
    public const char Equal = '=';

    /// <summary>End of a sequence; the target at this step is the result.</summary>
    public const char End = '|';

    /// <summary>Number of symbols (11).</summary>
    public const int Count = 11;

    /// <summary>The alphabet as a <see cref="SymbolAlphabet"/> (data files, <c>evaluate --data</c>).</summary>
    public static SymbolAlphabet Alphabet { get; } = new(Characters);

    /// <summary>The symbols as strings, indexed by id (the vocabulary of the dataset).</summary>
    public static IReadOnlyList<string> Symbols { get; } = Characters.Select(c => c.ToString()).ToArray();

    /// <summary>The id of <paramref name="symbol"/>, or -1 when it is not in the alphabet.</summary>
    public static int IdOf(char symbol) => Characters.IndexOf(symbol);

    /// <summary>Ids of a string of symbols; every character must be in the alphabet.</summary>
    public static int[] Ids(string symbols)
    {
        var ids = new int[symbols.Length];
        for (int i = 0; i < symbols.Length; i++)
        {
            ids[i] = IdOf(symbols[i]);
            if (ids[i] < 0) throw new ArgumentException($"'{symbols[i]}' at position {i} of \"{symbols}\" is not a logic symbol ({Characters})");
        }
        return ids;
    }
}
