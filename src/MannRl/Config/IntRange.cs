using System.Globalization;

namespace MannRl.Config;

/// <summary>
/// An inclusive range of integers, e.g. the operand counts of the logic task or the lengths of a memory task. YAML
/// form <c>[21, 40]</c>; command-line form <c>21..40</c> (or one number for a range of one value).
/// </summary>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value (at least <paramref name="Min"/> in a valid range).</param>
public sealed record IntRange(int Min, int Max)
{
    /// <summary>Whether <paramref name="value"/> lies in the range.</summary>
    public bool Contains(int value) => value >= Min && value <= Max;

    /// <summary>The YAML form, e.g. <c>[21, 40]</c>.</summary>
    public override string ToString() => $"[{Min}, {Max}]";

    /// <summary>The command-line form, e.g. <c>21..40</c>.</summary>
    public string ToCommandLine() => $"{Min}..{Max}";

    /// <summary>
    /// Parses <c>MIN..MAX</c> or a single number; null when <paramref name="text"/> is neither (the caller names the
    /// option in its message). The order is not checked here.
    /// </summary>
    public static IntRange? TryParse(string text)
    {
        string[] parts = text.Trim().Split("..");
        if (parts.Length is < 1 or > 2) return null;
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i])) return null;
        return new IntRange(values[0], values[^1]);
    }
}
