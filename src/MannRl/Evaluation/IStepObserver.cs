namespace MannRl.Evaluation;

/// <summary>
/// Sees, during an <see cref="Evaluator.Evaluate"/>, every step of the sequences it wants: what the action net gave
/// and what the memory-net wrote (memory heatmaps, trace dumps). Evaluations without an observer do no extra work.
/// </summary>
public interface IStepObserver
{
    /// <summary>Whether the steps of sequence <paramref name="sequence"/> (its index in the evaluated list) are wanted.</summary>
    bool Wants(int sequence);

    /// <summary>
    /// One step of a wanted sequence: its 0-based <paramref name="position"/>, <paramref name="target"/> and
    /// <paramref name="predicted"/> class, the action net's <paramref name="probabilities"/> (classes) and the
    /// <paramref name="memory"/> the memory-net wrote at this step (units), which the next step reads. The spans are
    /// the evaluator's buffers: copy what you keep.
    /// </summary>
    void Step(int sequence, int position, int target, int predicted, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> memory);
}
