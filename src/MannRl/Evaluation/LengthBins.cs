using System.Globalization;

namespace MannRl.Evaluation;

/// <summary>
/// Bins of sequence lengths for length-generalisation reports (<c>evaluate --by-length</c>): lengths 1..W, W+1..2W,
/// ... for a width W. A bin is named by its first length.
/// </summary>
public sealed class LengthBins
{
    /// <summary>Bins of <paramref name="width"/> lengths each.</summary>
    public LengthBins(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Width = width;
    }

    /// <summary>Lengths per bin.</summary>
    public int Width { get; }

    /// <summary>
    /// The bins for a set of lengths: one per length where they span at most 12 values, else 5 lengths per bin (the
    /// logic task's 2..20 operands read as 1-5, 6-10, 11-15, 16-20).
    /// </summary>
    public static LengthBins For(IEnumerable<int> lengths)
    {
        int min = int.MaxValue, max = int.MinValue;
        foreach (int l in lengths) { min = Math.Min(min, l); max = Math.Max(max, l); }
        return new LengthBins(min == int.MaxValue || max - min + 1 <= 12 ? 1 : 5);
    }

    /// <summary>The first length of the bin of <paramref name="length"/> (lengths below 1 are a bin each).</summary>
    public int BinOf(int length) => length < 1 ? length : (length - 1) / Width * Width + 1;

    /// <summary>The name of the bin that starts at <paramref name="start"/>: <c>6-10</c>, or <c>7</c> for a bin of one.</summary>
    public string Name(int start) => Width == 1 || start < 1
        ? start.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{start}-{start + Width - 1}");

    /// <summary>The last length of the bin that starts at <paramref name="start"/>.</summary>
    public int End(int start) => start < 1 ? start : start + Width - 1;
}
