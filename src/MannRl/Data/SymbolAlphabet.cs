namespace MannRl.Data;

/// <summary>
/// The one-character symbols of a generated task (inputs and targets share them); a symbol's id is its index in
/// <see cref="Characters"/>. Two data sets can be read by the same trained networks only when their alphabets are
/// equal.
/// </summary>
public sealed class SymbolAlphabet : IEquatable<SymbolAlphabet>
{
    /// <summary>An alphabet of the distinct characters of <paramref name="characters"/>, in that order.</summary>
    public SymbolAlphabet(string characters)
    {
        if (characters.Length == 0) throw new ArgumentException("an alphabet needs at least one symbol", nameof(characters));
        if (characters.Distinct().Count() != characters.Length)
            throw new ArgumentException($"the symbols of an alphabet must be distinct, got \"{characters}\"", nameof(characters));
        Characters = characters;
        Symbols = characters.Select(c => c.ToString()).ToArray();
    }

    /// <summary>The symbols as one string.</summary>
    public string Characters { get; }

    /// <summary>The symbols as strings, indexed by id (the vocabulary of the data set).</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Number of symbols.</summary>
    public int Count => Characters.Length;

    /// <summary>The id of <paramref name="symbol"/>, or -1 when it is not in the alphabet.</summary>
    public int IdOf(char symbol) => Characters.IndexOf(symbol);

    /// <summary>The symbol of an id.</summary>
    public char this[int id] => Characters[id];

    /// <summary>Ids of a string of symbols; every character must be in the alphabet.</summary>
    public int[] Ids(string symbols)
    {
        var ids = new int[symbols.Length];
        for (int i = 0; i < symbols.Length; i++)
        {
            ids[i] = IdOf(symbols[i]);
            if (ids[i] < 0) throw new ArgumentException($"'{symbols[i]}' at position {i} of \"{symbols}\" is not in the alphabet \"{Characters}\"");
        }
        return ids;
    }

    /// <summary>The symbols of ids, as a string.</summary>
    public string Text(ReadOnlySpan<int> ids)
    {
        var chars = new char[ids.Length];
        for (int i = 0; i < ids.Length; i++) chars[i] = Characters[ids[i]];
        return new string(chars);
    }

    /// <summary>The symbols separated by spaces, for messages.</summary>
    public override string ToString() => string.Join(" ", Symbols);

    /// <inheritdoc />
    public bool Equals(SymbolAlphabet? other) => other is not null && other.Characters == Characters;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SymbolAlphabet);

    /// <inheritdoc />
    public override int GetHashCode() => Characters.GetHashCode(StringComparison.Ordinal);
}
