namespace MannRl.Reports.Memory;

/// <summary>
/// What the networks did on one sequence during an evaluation: per step the memory the memory-net wrote
/// (m_{t+1} = f(m_t, in_t, out_t), what step t+1 reads), the action net's class probabilities, the target and the
/// prediction.
/// </summary>
/// <param name="SequenceIndex">Index of the sequence in its split.</param>
/// <param name="Split">train, validation or test.</param>
/// <param name="Units">Memory width.</param>
/// <param name="Memory">(steps, units) row-major.</param>
/// <param name="Probabilities">(steps, classes) row-major.</param>
/// <param name="Targets">Target class per step.</param>
/// <param name="Predictions">Predicted class per step (the argmax of the probabilities).</param>
/// <param name="InputIds">One-hot input id per step, or null for dense inputs.</param>
/// <param name="TargetSymbols">Names of the classes.</param>
/// <param name="InputSymbols">Names of the input ids, or null.</param>
public sealed record MemoryTrace(int SequenceIndex, string Split, int Units, float[] Memory, float[] Probabilities,
    int[] Targets, int[] Predictions, int[]? InputIds, IReadOnlyList<string> TargetSymbols, IReadOnlyList<string>? InputSymbols)
{
    /// <summary>Number of steps.</summary>
    public int Steps => Targets.Length;

    /// <summary>Number of classes.</summary>
    public int Classes => TargetSymbols.Count;

    /// <summary>Steps predicted wrong.</summary>
    public int Errors => Targets.Where((t, i) => t != Predictions[i]).Count();

    /// <summary>The memory written at step <paramref name="step"/>.</summary>
    public ReadOnlySpan<float> MemoryAt(int step) => Memory.AsSpan(step * Units, Units);

    /// <summary>The probability the action net gave its prediction at <paramref name="step"/>.</summary>
    public float PredictedProbability(int step) => Probabilities[step * Classes + Predictions[step]];

    /// <summary>The input symbol at <paramref name="step"/>, or null for dense inputs.</summary>
    public string? InputAt(int step) => InputIds is { } ids && InputSymbols is { } names ? names[ids[step]] : null;
}
