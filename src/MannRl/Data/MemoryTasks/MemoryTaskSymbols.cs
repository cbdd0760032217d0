namespace MannRl.Data.MemoryTasks;

/// <summary>
/// The symbols the memory tasks share: the blank (<c>-</c>: an input carrying nothing, and the target of every step
/// that presents data, so that the recall phase is the steps with another target), the data symbols <c>a</c>,
/// <c>b</c>, ... (K of them), and the markers each task adds.
/// </summary>
public static class MemoryTaskSymbols
{
    /// <summary>Input with no content; target outside the recall phase.</summary>
    public const char Blank = '-';

    /// <summary>Ends the sequence to copy (copy).</summary>
    public const char Delimiter = '=';

    /// <summary>Target after the last repeat (repeat-copy).</summary>
    public const char End = '|';

    /// <summary>Precedes the query key (associative-recall).</summary>
    public const char Query = '?';

    /// <summary>Most data symbols (the letters a..z).</summary>
    public const int MaxDataSymbols = 26;

    /// <summary>The data symbols of an alphabet of <paramref name="count"/>: <c>a</c>, <c>b</c>, ...</summary>
    public static string Data(int count)
    {
        if (count is < 1 or > MaxDataSymbols)
            throw new ArgumentOutOfRangeException(nameof(count), $"a memory task has 1..{MaxDataSymbols} data symbols, got {count}");
        return new string(Enumerable.Range(0, count).Select(i => (char)('a' + i)).ToArray());
    }
}
