using System.Text;
using MannRl.Config;

namespace MannRl.Data.Sentences;

/// <summary>
/// One example of the sentence tasks, as cleaned sentences: the net reads <see cref="Source"/> and writes
/// <see cref="Target"/> (the same sentence for memorisation). <see cref="ToStrings"/> gives its symbol strings.
/// </summary>
/// <param name="Source">The sentence read (cleaned, non-empty).</param>
/// <param name="Target">The sentence written (cleaned, non-empty).</param>
public readonly record struct SentencePair(string Source, string Target)
{
    private const string Digits = "0123456789";

    /// <summary>Length of the input and of the target in symbols: |source| + |target| + 3 (code points).</summary>
    public int Length => CodePointCount(Source) + CodePointCount(Target) + 3;

    /// <summary>
    /// The input and target strings, for source s1 and target s2:
    /// input = START s1 SEP EMPTY x (|s2| + 1); target = START r SEP s2 END, where r is "0123456789" repeated to
    /// |s1| (<see cref="ReadingTarget.Digits"/>) or EMPTY x |s1| (<see cref="ReadingTarget.Empty"/>).
    /// </summary>
    public (string Input, string Target) ToStrings(ReadingTarget reading)
    {
        int n1 = CodePointCount(Source), n2 = CodePointCount(Target);
        var input = new StringBuilder(Source.Length + n2 + 3)
            .Append(SentenceSymbols.Start).Append(Source).Append(SentenceSymbols.Separator)
            .Append(SentenceSymbols.Empty, n2 + 1);
        var target = new StringBuilder(n1 + Target.Length + 3).Append(SentenceSymbols.Start);
        for (int i = 0; i < n1; i++)
            target.Append(reading == ReadingTarget.Digits ? Digits[i % 10] : SentenceSymbols.Empty);
        target.Append(SentenceSymbols.Separator).Append(Target).Append(SentenceSymbols.End);
        return (input.ToString(), target.ToString());
    }

    /// <summary>
    /// Pairs of line-aligned sentences, skipping lines where either side is empty, without duplicates (the
    /// original collects a set), in line order. Translation adds the reverse direction of every line.
    /// </summary>
    public static List<SentencePair> FromAligned(IReadOnlyList<string> side1, IReadOnlyList<string> side2, bool bothDirections)
    {
        if (side1.Count != side2.Count)
            throw new ArgumentException($"the sentence files are not line-aligned: {side1.Count} lines and {side2.Count} lines");
        var seen = new HashSet<SentencePair>();
        var pairs = new List<SentencePair>();
        for (int i = 0; i < side1.Count; i++)
        {
            string s1 = side1[i], s2 = side2[i];
            if (s1.Length == 0 || s2.Length == 0) continue;
            var forward = new SentencePair(s1, s2);
            if (seen.Add(forward)) pairs.Add(forward);
            if (!bothDirections) continue;
            var backward = new SentencePair(s2, s1);
            if (seen.Add(backward)) pairs.Add(backward);
        }
        return pairs;
    }

    /// <summary>One-character memorisation pairs (c -> c) for every non-reserved symbol, in code-point order.</summary>
    public static List<SentencePair> CharacterPairs(IEnumerable<int> codePoints) =>
        codePoints.Where(c => !SentenceSymbols.IsReserved(c)).Order()
            .Select(c => char.ConvertFromUtf32(c)).Select(s => new SentencePair(s, s)).ToList();

    /// <summary>Number of Unicode code points (the original's <c>len</c>), not UTF-16 units.</summary>
    public static int CodePointCount(string s)
    {
        int n = s.Length;
        foreach (char c in s) if (char.IsLowSurrogate(c)) n--;
        return n;
    }
}
