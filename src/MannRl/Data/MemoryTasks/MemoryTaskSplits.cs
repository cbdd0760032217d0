namespace MannRl.Data.MemoryTasks;

/// <summary>A memory task's generated data.</summary>
/// <param name="Train">Training sequences (training lengths).</param>
/// <param name="Validation">Validation sequences (training lengths, another draw).</param>
/// <param name="Test">Test sequences (evaluation lengths).</param>
public sealed record MemoryTaskSplits(IReadOnlyList<SymbolExample> Train, IReadOnlyList<SymbolExample> Validation, IReadOnlyList<SymbolExample> Test);
