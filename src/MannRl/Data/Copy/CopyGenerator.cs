using MannRl.Config;
using MannRl.Data.MemoryTasks;
using MannRl.Engine;

namespace MannRl.Data.Copy;

/// <summary>
/// The copy task (Graves et al. 2014, "Neural Turing Machines", 4.1, in symbols instead of bit vectors): L random data
/// symbols, the delimiter <c>=</c>, then L blank inputs during which the targets are the L symbols. Targets before
/// that are blank. E.g. inputs <c>cab=---</c>, targets <c>----cab</c>; the recall phase is the last L steps.
/// </summary>
public sealed class CopyGenerator
{
    private readonly Rng _rng;
    private readonly string _data;

    /// <summary>Creates a generator of sequences over <paramref name="alphabetSize"/> data symbols, drawing from <paramref name="rng"/>.</summary>
    public CopyGenerator(Rng rng, int alphabetSize)
    {
        _rng = rng;
        _data = MemoryTaskSymbols.Data(alphabetSize);
    }

    /// <summary>The task's alphabet for K data symbols: <c>-</c>, <c>=</c>, then <c>a</c>, <c>b</c>, ...</summary>
    public static SymbolAlphabet Alphabet(int alphabetSize) =>
        new($"{MemoryTaskSymbols.Blank}{MemoryTaskSymbols.Delimiter}{MemoryTaskSymbols.Data(alphabetSize)}");

    /// <summary>A sequence's length: the symbols to copy.</summary>
    public static SequenceLength Length(int alphabetSize) => SequenceLength.InputsBetween("symbols", 2, 1 + alphabetSize);

    /// <summary>A sequence of a length drawn uniformly from <paramref name="lengths"/>.</summary>
    public SymbolExample Next(IntRange lengths) => Next(_rng.NextInt(lengths.Min, lengths.Max));

    /// <summary>A sequence of <paramref name="length"/> random symbols.</summary>
    public SymbolExample Next(int length)
    {
        var symbols = new char[length];
        for (int i = 0; i < length; i++) symbols[i] = _data[_rng.NextInt(_data.Length)];
        return Build(new string(symbols));
    }

    /// <summary>The sequence that copies <paramref name="symbols"/>.</summary>
    public static SymbolExample Build(string symbols)
    {
        int l = symbols.Length;
        return new SymbolExample(
            symbols + MemoryTaskSymbols.Delimiter + new string(MemoryTaskSymbols.Blank, l),
            new string(MemoryTaskSymbols.Blank, l + 1) + symbols);
    }
}
