namespace MannRl.Data.Logic;

/// <summary>The logic data set as stored in <c>logic.dataset.json</c>: a training and a validation split.</summary>
/// <param name="Train">Training sequences (9,500 of the standard 10,000).</param>
/// <param name="Validation">Validation sequences (the last 5%).</param>
public sealed record LogicSplits(IReadOnlyList<LogicExample> Train, IReadOnlyList<LogicExample> Validation);
