using MannRl.Config;
using MannRl.Data.MemoryTasks;
using MannRl.Engine;

namespace MannRl.Data.RepeatCopy;

/// <summary>
/// The repeat-copy task (Graves et al. 2014, 4.2, in symbols): L random data symbols, then the repeat count R as a
/// digit symbol (which also ends the sequence), then L x R + 1 blank inputs during which the targets are the symbols
/// R times and the end marker <c>|</c>. Targets before that are blank. E.g. inputs <c>ab2-----</c>, targets
/// <c>---abab|</c>; the recall phase is the last L x R + 1 steps.
/// </summary>
public sealed class RepeatCopyGenerator
{
    /// <summary>Most repeats (one digit symbol).</summary>
    public const int MaxRepeats = 9;

    private readonly Rng _rng;
    private readonly string _data;

    /// <summary>Creates a generator of sequences over <paramref name="alphabetSize"/> data symbols, drawing from <paramref name="rng"/>.</summary>
    public RepeatCopyGenerator(Rng rng, int alphabetSize)
    {
        _rng = rng;
        _data = MemoryTaskSymbols.Data(alphabetSize);
    }

    /// <summary>The task's alphabet for K data symbols: <c>-</c>, <c>|</c>, the counts <c>1</c>..<c>9</c>, then <c>a</c>, <c>b</c>, ...</summary>
    public static SymbolAlphabet Alphabet(int alphabetSize) =>
        new($"{MemoryTaskSymbols.Blank}{MemoryTaskSymbols.End}123456789{MemoryTaskSymbols.Data(alphabetSize)}");

    /// <summary>A sequence's length: the symbols to copy (not counting repeats).</summary>
    public static SequenceLength Length(int alphabetSize) => SequenceLength.InputsBetween("symbols", 11, 10 + alphabetSize);

    /// <summary>A sequence whose length and repeat count are drawn uniformly from the ranges.</summary>
    public SymbolExample Next(IntRange lengths, IntRange repeats)
    {
        int length = _rng.NextInt(lengths.Min, lengths.Max);
        int count = _rng.NextInt(repeats.Min, repeats.Max);
        return Next(length, count);
    }

    /// <summary>A sequence of <paramref name="length"/> random symbols to repeat <paramref name="repeats"/> times.</summary>
    public SymbolExample Next(int length, int repeats)
    {
        var symbols = new char[length];
        for (int i = 0; i < length; i++) symbols[i] = _data[_rng.NextInt(_data.Length)];
        return Build(new string(symbols), repeats);
    }

    /// <summary>The sequence that repeats <paramref name="symbols"/> <paramref name="repeats"/> times.</summary>
    public static SymbolExample Build(string symbols, int repeats)
    {
        if (repeats is < 1 or > MaxRepeats) throw new ArgumentOutOfRangeException(nameof(repeats), $"repeats must be 1..{MaxRepeats}, got {repeats}");
        int l = symbols.Length, recall = l * repeats + 1;
        return new SymbolExample(
            symbols + (char)('0' + repeats) + new string(MemoryTaskSymbols.Blank, recall),
            new string(MemoryTaskSymbols.Blank, l + 1) + string.Concat(Enumerable.Repeat(symbols, repeats)) + MemoryTaskSymbols.End);
    }
}
