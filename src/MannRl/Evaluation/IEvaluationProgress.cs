namespace MannRl.Evaluation;

/// <summary>How far an evaluator is, for a progress display reading from another thread.</summary>
public interface IEvaluationProgress
{
    /// <summary>Symbols (sequence steps) of the evaluation running or last run.</summary>
    long SymbolsTotal { get; }

    /// <summary>Symbols evaluated so far.</summary>
    long SymbolsDone { get; }
}
