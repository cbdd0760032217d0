using MannRl.Data.Sentences;

namespace MannRl.Tests.Data.Sentences;

public class SentenceCleanerTests
{
    // Every character of these lines appears more than 7 times, so only the crafted lines' own oddities are cleaned.
    private static readonly string[] Filler = Enumerable.Repeat("abcdefghijklmnopqrstuvwxyz &;#0123456789\"", 8).ToArray();

    private static string[] Clean(params string[] lines) =>
        SentenceCleaner.CleanAll([lines.Concat(Filler).ToArray()])[0][..lines.Length];

    [Fact]
    public void Entities_are_replaced_in_the_originals_order()
    {
        string[] clean = Clean("a&#160;b", "a&nbsp;b", "fish &amp; chips", "say &quot;hi&quot;", "x &amp;quot; y", "x &amp;#160; y");
        Assert.Equal(["ab", "ab", "fish & chips", "say \"hi\"", "x \" y", "x &#160; y"], clean);
    }

    [Fact]
    public void Replacement_char_and_reserved_symbols_become_spaces()
    {
        string reserved = $"a{SentenceSymbols.Start}b{SentenceSymbols.End}c{SentenceSymbols.Empty}d{SentenceSymbols.Separator}e";
        // Repeat each line 8 times so that the odd symbols are not rare: they must be cleaned as reserved, not as rare.
        string[] lines = [.. Enumerable.Repeat("a\uFFFDb", 8), .. Enumerable.Repeat(reserved, 8)];
        string[] clean = Clean(lines);
        Assert.Equal("a b", clean[0]);
        Assert.Equal("a b c d e", clean[8]);
    }

    [Fact]
    public void Cjk_range_is_blanked_inclusive_and_its_neighbours_kept()
    {
        // Each ideograph is repeated 8 times so that rarity does not interfere.
        string line = "a\u4E08b\u4E09c\u9C81d\u9C82e";
        string[] clean = Clean(Enumerable.Repeat(line, 8).ToArray());
        Assert.Equal("a\u4E08b c d\u9C82e", clean[0]);
    }

    [Fact]
    public void Characters_seen_at_most_7_times_in_the_raw_text_are_blanked()
    {
        // 'é' 7 times in total: rare; 'ü' 8 times: kept. The count is over all lines of all files.
        string[] seven = [.. Enumerable.Repeat("caf\u00E9", 7)];
        string[] eight = [.. Enumerable.Repeat("\u00FCber", 8)];
        string[] clean = Clean([.. seven, .. eight]);
        Assert.Equal("caf", clean[0]);
        Assert.Equal("\u00FCber", clean[7]);

        // Split across two files (English and French): 4 + 4 = 8 sightings, so kept.
        var sides = SentenceCleaner.CleanAll([
            [.. Enumerable.Repeat("\u00E0 a", 4), .. Filler],
            [.. Enumerable.Repeat("\u00E0 b", 4), .. Filler]]);
        Assert.Equal("\u00E0 a", sides[0][0]);
        Assert.Equal("\u00E0 b", sides[1][0]);
    }

    [Fact]
    public void Rare_counts_are_taken_before_entities_are_replaced()
    {
        // '!' is seen 3 times: blanked. '"' comes from "&quot;" after counting and is frequent in the filler: kept.
        string[] clean = Clean("&quot;yes!&quot;", "no!", "maybe!");
        Assert.Equal(["\"yes \"", "no", "maybe"], clean);
    }

    [Fact]
    public void Astral_characters_are_counted_as_one_code_point()
    {
        string face = char.ConvertFromUtf32(0x1F600);
        string[] clean = Clean([.. Enumerable.Repeat($"a{face}b", 8), $"x{char.ConvertFromUtf32(0x1F601)}y"]);
        Assert.Equal($"a{face}b", clean[0]);
        Assert.Equal("x y", clean[8]);
    }

    [Fact]
    public void Whitespace_is_stripped_and_collapsed_as_python_split_does()
    {
        string[] lines = [.. Enumerable.Repeat("  a \t b\u00A0\u00A0c\u001Cd\r", 8), "   ", "\t\r"];
        string[] clean = Clean(lines);
        Assert.Equal("a b c d", clean[0]);
        Assert.Equal("", clean[8]);
        Assert.Equal("", clean[9]);
    }

    [Fact]
    public void Python_whitespace_set_matches_str_isspace()
    {
        int[] expected = [0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
            0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000];
        int[] actual = Enumerable.Range(0, 0x110000).Where(SentenceCleaner.IsPythonWhiteSpace).ToArray();
        Assert.Equal(expected, actual);
    }
}
