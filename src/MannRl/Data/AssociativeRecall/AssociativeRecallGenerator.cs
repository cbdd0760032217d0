using MannRl.Config;
using MannRl.Data.MemoryTasks;
using MannRl.Engine;

namespace MannRl.Data.AssociativeRecall;

/// <summary>
/// The associative-recall task (Graves et al. 2014, 4.3, with one-symbol items): n key-value pairs (distinct keys,
/// values drawn freely, both from the data symbols), the query marker <c>?</c>, then one of the keys; the target at
/// that last step is its value. Targets before it are blank. E.g. inputs <c>acbdca?b</c>, targets <c>-------d</c>;
/// the recall phase is the last step.
/// </summary>
public sealed class AssociativeRecallGenerator
{
    private readonly Rng _rng;
    private readonly string _data;
    private readonly int[] _keys;

    /// <summary>Creates a generator of sequences over <paramref name="alphabetSize"/> data symbols, drawing from <paramref name="rng"/>.</summary>
    public AssociativeRecallGenerator(Rng rng, int alphabetSize)
    {
        _rng = rng;
        _data = MemoryTaskSymbols.Data(alphabetSize);
        _keys = new int[alphabetSize];
    }

    /// <summary>The task's alphabet for K data symbols: <c>-</c>, <c>?</c>, then <c>a</c>, <c>b</c>, ...</summary>
    public static SymbolAlphabet Alphabet(int alphabetSize) =>
        new($"{MemoryTaskSymbols.Blank}{MemoryTaskSymbols.Query}{MemoryTaskSymbols.Data(alphabetSize)}");

    /// <summary>A sequence's length: its key-value pairs.</summary>
    public static SequenceLength Length(int alphabetSize)
    {
        var dataSymbols = SequenceLength.InputsBetween("pairs", 2, 1 + alphabetSize);
        return new SequenceLength("pairs", s => (dataSymbols.Of(s) - 1) / 2);
    }

    /// <summary>A sequence with a number of pairs drawn uniformly from <paramref name="pairs"/>.</summary>
    public SymbolExample Next(IntRange pairs) => Next(_rng.NextInt(pairs.Min, pairs.Max));

    /// <summary>A sequence of <paramref name="pairs"/> pairs (at most the alphabet size: keys are distinct).</summary>
    public SymbolExample Next(int pairs)
    {
        if (pairs < 1 || pairs > _data.Length)
            throw new ArgumentOutOfRangeException(nameof(pairs), $"1..{_data.Length} pairs (distinct keys from {_data.Length} symbols), got {pairs}");
        Span<int> keys = _keys.AsSpan(0, pairs);
        _rng.SampleDistinct(0, _data.Length - 1, keys);
        var keyText = new char[pairs];
        var valueText = new char[pairs];
        for (int i = 0; i < pairs; i++)
        {
            keyText[i] = _data[keys[i]];
            valueText[i] = _data[_rng.NextInt(_data.Length)];
        }
        return Build(new string(keyText), new string(valueText), _rng.NextInt(pairs));
    }

    /// <summary>The sequence of the pairs (<paramref name="keys"/>[i], <paramref name="values"/>[i]) that asks for key <paramref name="query"/>.</summary>
    public static SymbolExample Build(string keys, string values, int query)
    {
        if (keys.Length != values.Length || keys.Length == 0) throw new ArgumentException($"need as many keys as values, at least one; got {keys.Length} and {values.Length}");
        if (keys.Distinct().Count() != keys.Length) throw new ArgumentException($"keys must be distinct, got \"{keys}\"", nameof(keys));
        ArgumentOutOfRangeException.ThrowIfNegative(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(query, keys.Length);
        var inputs = new char[2 * keys.Length + 2];
        for (int i = 0; i < keys.Length; i++)
        {
            inputs[2 * i] = keys[i];
            inputs[2 * i + 1] = values[i];
        }
        inputs[^2] = MemoryTaskSymbols.Query;
        inputs[^1] = keys[query];
        return new SymbolExample(new string(inputs), new string(MemoryTaskSymbols.Blank, inputs.Length - 1) + values[query]);
    }
}
