using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MannRl.Fuzzing;

/// <summary>
/// Seeded mutations of an input file: bit flips, truncation, shuffled, dropped or repeated lines, extreme values in
/// place of numbers, inserted bytes. Each case draws one to three of them from its own <see cref="Random"/>.
/// </summary>
public static partial class Mutator
{
    /// <summary>Values a number in a file is replaced by: zero, negatives, the integer limits, overflow, NaN, non-numbers.</summary>
    public static readonly string[] ExtremeValues =
    [
        "0", "-1", "-2147483648", "2147483647", "2147483648", "4294967296", "9223372036854775807", "99999999999999999999999",
        "1e308", "-1e308", "1e-320", "NaN", "Infinity", "-0", "0.5", "null", "\"\"", "\"x\"", "[]", "{}", "true", "1000000000",
    ];

    /// <summary>The names of the mutations, in the order <see cref="Mutate"/> numbers them.</summary>
    public static readonly string[] Kinds = ["bit-flip", "truncate", "shuffle-lines", "drop-line", "repeat-line", "extreme-value", "insert-bytes", "empty"];

    /// <summary>A mutated copy of <paramref name="input"/>; <paramref name="applied"/> names what was done.</summary>
    public static byte[] Mutate(byte[] input, Random rng, out string applied)
    {
        var names = new List<string>();
        byte[] bytes = input;
        int count = 1 + rng.Next(3);
        for (int i = 0; i < count; i++)
        {
            int kind = rng.Next(Kinds.Length);
            if (kind == 7 && rng.Next(4) != 0) kind = 5; // an empty file is one case, not a quarter of them
            bytes = Apply(kind, bytes, rng);
            names.Add(Kinds[kind]);
        }
        applied = string.Join("+", names);
        return bytes;
    }

    private static byte[] Apply(int kind, byte[] bytes, Random rng) => kind switch
    {
        0 => FlipBits(bytes, rng),
        1 => bytes.Length == 0 ? bytes : bytes[..rng.Next(bytes.Length)],
        2 => Lines(bytes, lines => Shuffle(lines, rng)),
        3 => Lines(bytes, lines => { if (lines.Count > 0) lines.RemoveAt(rng.Next(lines.Count)); }),
        4 => Lines(bytes, lines => { if (lines.Count > 0) { int i = rng.Next(lines.Count); for (int k = rng.Next(1, 50); k > 0; k--) lines.Insert(i, lines[i]); } }),
        5 => ExtremeValue(bytes, rng),
        6 => Insert(bytes, rng),
        _ => [],
    };

    private static byte[] FlipBits(byte[] bytes, Random rng)
    {
        if (bytes.Length == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        for (int n = 1 + rng.Next(8); n > 0; n--)
        {
            int i = rng.Next(copy.Length);
            copy[i] ^= (byte)(1 << rng.Next(8));
        }
        return copy;
    }

    private static byte[] Insert(byte[] bytes, Random rng)
    {
        var extra = new byte[1 + rng.Next(16)];
        rng.NextBytes(extra);
        int at = rng.Next(bytes.Length + 1);
        return [.. bytes.AsSpan(0, at), .. extra, .. bytes.AsSpan(at)];
    }

    private static byte[] Lines(byte[] bytes, Action<List<string>> edit)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
        edit(lines);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static void Shuffle(List<string> lines, Random rng)
    {
        // Shuffle a window, so that a file keeps most of its structure and the loader gets past its first lines.
        if (lines.Count < 2) return;
        int start = rng.Next(lines.Count - 1), length = 2 + rng.Next(Math.Min(20, lines.Count - start - 1));
        for (int i = start + length - 1; i > start; i--)
        {
            int j = start + rng.Next(i - start + 1);
            (lines[i], lines[j]) = (lines[j], lines[i]);
        }
    }

    private static byte[] ExtremeValue(byte[] bytes, Random rng)
    {
        string text = Encoding.UTF8.GetString(bytes);
        var numbers = Number().Matches(text);
        if (numbers.Count == 0) return bytes;
        var m = numbers[rng.Next(numbers.Count)];
        string value = ExtremeValues[rng.Next(ExtremeValues.Length)];
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, m.Index), value, text.AsSpan(m.Index + m.Length)));
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();

    /// <summary>A number written as a config or data file would write it.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
