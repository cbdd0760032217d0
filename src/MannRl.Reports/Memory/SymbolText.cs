namespace MannRl.Reports.Memory;

/// <summary>Symbols as a picture or a table shows them: blanks and control characters made visible, long names cut.</summary>
public static class SymbolText
{
    /// <summary>The visible form of <paramref name="symbol"/>, at most <paramref name="maxLength"/> characters.</summary>
    public static string Visible(string symbol, int maxLength = 12)
    {
        string s = symbol switch
        {
            "" => "∅",
            " " => "·",
            "\n" => "⏎",
            "\t" => "⇥",
            _ => new string(symbol.Select(c => char.IsControl(c) ? '?' : c).ToArray()),
        };
        return s.Length <= maxLength ? s : s[..(maxLength - 1)] + "…";
    }
}
