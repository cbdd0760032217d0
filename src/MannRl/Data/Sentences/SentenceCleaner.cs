using System.Text;

namespace MannRl.Data.Sentences;

/// <summary>
/// The original's cleaning, in its order: for each line, replace the entities <c>&amp;#160;</c> and <c>&amp;nbsp;</c>
/// with nothing, <c>&amp;amp;</c> with &amp; and <c>&amp;quot;</c> with "; then turn U+FFFD, the reserved symbols,
/// every character seen at most <see cref="RareThreshold"/> times and the CJK range U+4E09..U+9C81 into spaces;
/// finally strip and collapse whitespace (Python's <c>" ".join(line.split())</c>). The counts are taken over the
/// raw lines before any cleaning, over all files of the task together (English and French for translation).
/// Lines that end empty stay in place (they keep the files aligned) and are skipped when pairs are made.
/// </summary>
public static class SentenceCleaner
{
    /// <summary>A character seen this many times or fewer in the raw text is replaced by a space.</summary>
    public const int RareThreshold = 7;

    /// <summary>First code point of the blanked CJK range (19977).</summary>
    public const int CjkFirst = 0x4E09;

    /// <summary>Last code point of the blanked CJK range (40065).</summary>
    public const int CjkLast = 0x9C81;

    /// <summary>Adds the code-point counts of <paramref name="lines"/> to <paramref name="counts"/>.</summary>
    public static void CountCharacters(IEnumerable<string> lines, Dictionary<int, int> counts)
    {
        foreach (string line in lines)
            foreach (Rune r in line.EnumerateRunes())
                counts[r.Value] = counts.GetValueOrDefault(r.Value) + 1;
    }

    /// <summary>The code points counted at most <paramref name="threshold"/> times.</summary>
    public static HashSet<int> RareCharacters(IReadOnlyDictionary<int, int> counts, int threshold = RareThreshold) =>
        counts.Where(kv => kv.Value <= threshold).Select(kv => kv.Key).ToHashSet();

    /// <summary>
    /// Cleans every side of a task with one shared character count: <c>sides[k][i]</c> is line i of file k.
    /// The result has the same shape; emptied lines are empty strings.
    /// </summary>
    public static string[][] CleanAll(IReadOnlyList<IReadOnlyList<string>> sides)
    {
        var counts = new Dictionary<int, int>();
        foreach (var side in sides) CountCharacters(side, counts);
        var rare = RareCharacters(counts);
        return sides.Select(side => side.Select(line => Clean(line, rare)).ToArray()).ToArray();
    }

    /// <summary>Cleans one line given the set of rare code points of its corpus.</summary>
    public static string Clean(string line, IReadOnlySet<int> rare)
    {
        // Entity replacements are sequential, as in the original: "&amp;quot;" becomes "&quot;" and then '"'.
        string s = line.Replace("&#160;", "", StringComparison.Ordinal)
            .Replace("&nbsp;", "", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
            .Replace("&quot;", "\"", StringComparison.Ordinal);

        // Every blanked character becomes a space and the spaces then collapse, so one pass does both.
        var sb = new StringBuilder(s.Length);
        bool pendingSpace = false;
        foreach (Rune r in s.EnumerateRunes())
        {
            int c = r.Value;
            if (IsBlanked(c, rare))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(r);
        }
        return sb.ToString();
    }

    private static bool IsBlanked(int c, IReadOnlySet<int> rare) =>
        IsPythonWhiteSpace(c) || c == 0xFFFD || SentenceSymbols.IsReserved(c)
        || (c >= CjkFirst && c <= CjkLast) || rare.Contains(c);

    /// <summary>
    /// Python's <c>str.isspace</c>, which <c>strip()</c> and <c>split()</c> use: it differs from
    /// <see cref="char.IsWhiteSpace(char)"/> in counting U+001C..U+001F as whitespace.
    /// </summary>
    public static bool IsPythonWhiteSpace(int c) =>
        c is (>= 0x09 and <= 0x0D) or (>= 0x1C and <= 0x20) or 0x85 or 0xA0 or 0x1680
            or (>= 0x2000 and <= 0x200A) or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000;
}
