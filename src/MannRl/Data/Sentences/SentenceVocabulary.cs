using System.Text;

namespace MannRl.Data.Sentences;

/// <summary>
/// The character vocabulary shared by inputs and targets: the code points of the cleaned text plus the four
/// reserved symbols, sorted by code point (as Python sorts one-character strings). Symbol id = sorted position.
/// </summary>
public sealed class SentenceVocabulary
{
    private readonly Dictionary<int, int> _ids;

    /// <summary>Creates a vocabulary from code points (duplicates are merged, order is irrelevant).</summary>
    public SentenceVocabulary(IEnumerable<int> codePoints)
    {
        int[] sorted = codePoints.Distinct().Order().ToArray();
        foreach (int c in sorted)
            if (!Rune.IsValid(c)) throw new ArgumentException($"not a Unicode scalar value: U+{c:X4}", nameof(codePoints));
        CodePoints = sorted;
        Symbols = sorted.Select(char.ConvertFromUtf32).ToArray();
        _ids = new Dictionary<int, int>(sorted.Length);
        for (int i = 0; i < sorted.Length; i++) _ids[sorted[i]] = i;
    }

    /// <summary>The vocabulary of cleaned lines: their code points plus the reserved symbols.</summary>
    public static SentenceVocabulary FromText(IEnumerable<IEnumerable<string>> sides)
    {
        var set = new HashSet<int>(SentenceSymbols.All);
        foreach (var side in sides)
            foreach (string line in side)
                foreach (Rune r in line.EnumerateRunes()) set.Add(r.Value);
        return new SentenceVocabulary(set);
    }

    /// <summary>Sorted code points; index = symbol id.</summary>
    public IReadOnlyList<int> CodePoints { get; }

    /// <summary>The symbols as strings (one code point each); index = symbol id.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Number of symbols (the config's <c>input_dim</c> and <c>target_dim</c>).</summary>
    public int Count => CodePoints.Count;

    /// <summary>True when the code point has an id.</summary>
    public bool Contains(int codePoint) => _ids.ContainsKey(codePoint);

    /// <summary>This vocabulary with <paramref name="codePoints"/> added (itself when nothing is new).</summary>
    public SentenceVocabulary With(IEnumerable<int> codePoints)
    {
        var extra = codePoints.Where(c => !Contains(c)).ToArray();
        return extra.Length == 0 ? this : new SentenceVocabulary(CodePoints.Concat(extra));
    }

    /// <summary>The symbol ids of a string, one per code point.</summary>
    public int[] Encode(string text)
    {
        var ids = new int[SentencePair.CodePointCount(text)];
        int i = 0;
        foreach (Rune r in text.EnumerateRunes())
        {
            if (!_ids.TryGetValue(r.Value, out int id))
                throw new ArgumentException($"symbol U+{r.Value:X4} '{r}' is not in the vocabulary of {Count} symbols");
            ids[i++] = id;
        }
        return ids;
    }
}
