using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Evaluation;
using MannRl.Runs;

namespace MannRl.Reports.Memory;

/// <summary>
/// Memory traces of a saved run's checkpoint: one evaluation of a split as training evaluated it (same batch size,
/// so each sequence carries over the memory its batch slot held), with the chosen sequences recorded step by step.
/// </summary>
public static class MemoryInspection
{
    /// <summary>Why the run has no memory to trace, or null when it has one (models mann-rl and frozen-memory).</summary>
    public static string? Unsupported(ExperimentConfig config) => config.ModelKind switch
    {
        LearnerKind.Lstm => "model lstm has no memory-net to trace (its state is the LSTM's hidden state); "
            + "use 'mannrl predict' for its per-symbol predictions",
        LearnerKind.NoMemory => "model no-memory has no memory-net: its memory input is zero at every step; "
            + "use 'mannrl predict' for its per-symbol predictions",
        _ => null,
    };

    /// <summary>
    /// Evaluates <paramref name="target"/> at <paramref name="batchSize"/> and returns the traces of
    /// <paramref name="sequences"/> (indexes into the evaluated sequences), in that order, with the evaluation.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run has no memory-net (<see cref="Unsupported"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A sequence index is outside the split.</exception>
    public static (IReadOnlyList<MemoryTrace> Traces, EvaluationResult Result) Trace(SavedRun run, EvaluationData target,
        IReadOnlyList<int> sequences, int batchSize, Compute compute, Action<int, int, int, int>? onPrediction = null)
    {
        if (Unsupported(run.Config) is { } reason) throw new InvalidOperationException(reason);
        var recorder = new MemoryTraceRecorder(target.Data, target.Sequences, target.Name, run.Config.MemoryDim, sequences);
        var result = run.Evaluate(target, batchSize, compute, onPrediction, observer: recorder);
        return (sequences.Select(recorder.Trace).ToArray(), result);
    }

    /// <summary>
    /// Whether each sequence was predicted right, by the task's own rule: its answer right where the task has answers
    /// (logic: the last step; memory tasks: every recall step), else every counted step right.
    /// </summary>
    public static bool Right(Scoring scoring, Sequence sequence, IReadOnlyList<int> predictions)
    {
        for (int t = 0; t < sequence.Length; t++)
        {
            int target = sequence.Targets[t];
            bool judged = scoring.HasAnswer ? scoring.IsAnswerStep(target, t == sequence.Length - 1) : scoring.Counts(target);
            if (judged && predictions[t] != target) return false;
        }
        return true;
    }
}
