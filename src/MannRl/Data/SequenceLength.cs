namespace MannRl.Data;

/// <summary>
/// How a task measures the length of a sequence for length generalisation (<c>mannrl evaluate --by-length</c>):
/// operands for logic, symbols to copy for copy and repeat-copy, key-value pairs for associative recall, steps
/// otherwise.
/// </summary>
/// <param name="Unit">What is counted, plural (<c>operands</c>, <c>steps</c>).</param>
/// <param name="Of">The length of a sequence.</param>
public sealed record SequenceLength(string Unit, Func<Sequence, int> Of)
{
    /// <summary>The number of steps.</summary>
    public static SequenceLength Steps { get; } = new("steps", s => s.Length);

    /// <summary>The number of input steps whose symbol id lies in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public static SequenceLength InputsBetween(string unit, int first, int last) => new(unit, s =>
    {
        int n = 0;
        foreach (int id in s.InputIds ?? []) if (id >= first && id <= last) n++;
        return n;
    });
}
