using MannRl.Engine;

namespace MannRl.Data.Logic;

/// <summary>
/// Generates logic sequences as the original did, the three kinds equally likely:
/// <c>and</c> over 2..20 ones, false half the time (one random operand set to 0);
/// <c>or</c> over 2..20 zeros, true half the time (one random operand set to 1);
/// <c>xor</c> over two random bits. Each is followed by <c>=</c> and <c>|</c>. The operand counts of <c>and</c> /
/// <c>or</c> may be another range (<c>logic_operands</c>, e.g. 21..40 for sequences longer than any in training).
/// </summary>
public sealed class LogicGenerator
{
    /// <summary>Fewest operands of <c>and</c> / <c>or</c>.</summary>
    public const int MinOperands = 2;

    /// <summary>Most operands of <c>and</c> / <c>or</c>.</summary>
    public const int MaxOperands = 20;

    /// <summary>Size of the standard data set.</summary>
    public const int DefaultCount = 10_000;

    /// <summary>Share of the data set used for validation (the last sequences).</summary>
    public const double DefaultValidationRatio = 0.05;

    private readonly Rng _rng;
    private readonly int _minOperands, _maxOperands;

    /// <summary>Creates a generator drawing from <paramref name="rng"/>, with the original's 2..20 operands.</summary>
    public LogicGenerator(Rng rng) : this(rng, MinOperands, MaxOperands) { }

    /// <summary>Creates a generator drawing <c>and</c> / <c>or</c> operand counts from [<paramref name="minOperands"/>, <paramref name="maxOperands"/>].</summary>
    public LogicGenerator(Rng rng, int minOperands, int maxOperands)
    {
        if (minOperands < 1 || maxOperands < minOperands)
            throw new ArgumentOutOfRangeException(nameof(minOperands), $"operand counts need 1 <= min <= max, got {minOperands}..{maxOperands}");
        _rng = rng;
        _minOperands = minOperands;
        _maxOperands = maxOperands;
    }

    /// <summary>One sequence of a kind drawn uniformly from and / or / xor.</summary>
    public LogicExample Next() => _rng.NextInt(3) switch
    {
        0 => And(),
        1 => Or(),
        _ => Xor(),
    };

    /// <summary><paramref name="count"/> sequences.</summary>
    public IReadOnlyList<LogicExample> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var examples = new LogicExample[count];
        for (int i = 0; i < count; i++) examples[i] = Next();
        return examples;
    }

    /// <summary>An <c>and</c> sequence: all ones, or (half the time) one zero at a random operand.</summary>
    public LogicExample And()
    {
        char[] operands = Operands('1', out bool flipped);
        return Build("and", operands, flipped ? '0' : '1');
    }

    /// <summary>An <c>or</c> sequence: all zeros, or (half the time) one one at a random operand.</summary>
    public LogicExample Or()
    {
        char[] operands = Operands('0', out bool flipped);
        return Build("or", operands, flipped ? '1' : '0');
    }

    /// <summary>An <c>xor</c> sequence over two random bits.</summary>
    public LogicExample Xor()
    {
        int first = _rng.NextInt(2), second = _rng.NextInt(2);
        return Build("xor", [(char)('0' + first), (char)('0' + second)], (char)('0' + (first ^ second)));
    }

    /// <summary>
    /// Splits in order, as the original: the first <c>(int)(count * (1 - validationRatio))</c> sequences train, the
    /// rest validate.
    /// </summary>
    public static LogicSplits Split(IReadOnlyList<LogicExample> examples, double validationRatio = DefaultValidationRatio)
    {
        int stop = (int)(examples.Count * (1.0 - validationRatio));
        if (stop <= 0 || stop >= examples.Count)
            throw new ArgumentException($"a validation ratio of {validationRatio} leaves an empty split of {examples.Count} sequences");
        return new LogicSplits(examples.Take(stop).ToArray(), examples.Skip(stop).ToArray());
    }

    private char[] Operands(char fill, out bool flipped)
    {
        int length = _rng.NextInt(_minOperands, _maxOperands);
        flipped = _rng.NextBool();
        var operands = new char[length];
        Array.Fill(operands, fill);
        if (flipped) operands[_rng.NextInt(length)] = fill == '1' ? '0' : '1';
        return operands;
    }

    private static LogicExample Build(string op, ReadOnlySpan<char> operands, char result)
    {
        string body = op + new string(operands);
        return new LogicExample(body + LogicAlphabet.Equal + LogicAlphabet.End, LogicAlphabet.Start + body + result);
    }
}
