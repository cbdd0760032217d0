namespace MannRl.Data;

/// <summary>
/// One training or evaluation sequence: at each step an input and the class the action net must output.
/// The input is either a symbol id (a one-hot input of width <see cref="SequenceDataset.InputDim"/>, fed to the
/// networks as a row lookup) or a dense vector (e.g. a word vector); exactly one of the two is set.
/// </summary>
/// <param name="Targets">Target class per step, length = number of steps.</param>
/// <param name="InputIds">One-hot input ids per step, or null when <paramref name="InputVectors"/> is used.</param>
/// <param name="InputVectors">Dense inputs, row-major (steps x InputDim), or null when <paramref name="InputIds"/> is used.</param>
public sealed record Sequence(int[] Targets, int[]? InputIds, float[]? InputVectors)
{
    /// <summary>Number of steps (symbols) in the sequence.</summary>
    public int Length => Targets.Length;

    /// <summary>A one-hot sequence.</summary>
    public static Sequence OneHot(int[] inputIds, int[] targets)
    {
        if (inputIds.Length != targets.Length)
            throw new ArgumentException($"inputs ({inputIds.Length}) and targets ({targets.Length}) differ in length");
        return new Sequence(targets, inputIds, null);
    }

    /// <summary>A sequence of dense input vectors of width <paramref name="inputDim"/>.</summary>
    public static Sequence Dense(float[] inputVectors, int inputDim, int[] targets)
    {
        if (inputVectors.Length != targets.Length * inputDim)
            throw new ArgumentException($"input vectors hold {inputVectors.Length} values, expected {targets.Length} x {inputDim}");
        return new Sequence(targets, null, inputVectors);
    }
}
