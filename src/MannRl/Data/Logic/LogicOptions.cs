using MannRl.Config;

namespace MannRl.Data.Logic;

/// <summary>What logic data to generate (config keys <c>logic_operands</c>, <c>logic_count</c>, <c>data_seed</c>).</summary>
/// <param name="Operands">Operand counts of <c>and</c> / <c>or</c> (the original: 2..20).</param>
/// <param name="Count">Sequences generated, the last 5% for validation (the original: 10,000).</param>
/// <param name="Seed">Seed of the generation.</param>
public sealed record LogicOptions(IntRange Operands, int Count, ulong Seed)
{
    /// <summary>The original's data for a seed: 10,000 sequences of 2..20 operands.</summary>
    public static LogicOptions Original(ulong seed) =>
        new(new IntRange(LogicGenerator.MinOperands, LogicGenerator.MaxOperands), LogicGenerator.DefaultCount, seed);

    /// <summary>Whether these are the original's operands and count: only then is the data read from (and cached in) the data directory.</summary>
    public bool IsOriginal => Operands == new IntRange(LogicGenerator.MinOperands, LogicGenerator.MaxOperands) && Count == LogicGenerator.DefaultCount;
}
