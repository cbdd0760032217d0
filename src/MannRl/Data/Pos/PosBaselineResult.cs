namespace MannRl.Data.Pos;

/// <summary>The baseline's (truth, predicted) class ids per word of each split, for the metrics.</summary>
/// <param name="Tags">The class ids' tags.</param>
/// <param name="Train">Pairs over the training words.</param>
/// <param name="Validation">Pairs over the validation words.</param>
/// <param name="Test">Pairs over the test words.</param>
public sealed record PosBaselineResult(
    PosTagDictionary Tags,
    IReadOnlyList<(int Truth, int Predicted)> Train,
    IReadOnlyList<(int Truth, int Predicted)> Validation,
    IReadOnlyList<(int Truth, int Predicted)> Test)
{
    /// <summary>The pairs of a split by name: train, validation or test.</summary>
    public IReadOnlyList<(int Truth, int Predicted)> Split(string split) => split switch
    {
        "train" => Train,
        "validation" => Validation,
        "test" => Test,
        _ => throw new ArgumentException($"unknown split '{split}': use train, validation or test"),
    };

    /// <summary>The share of pairs whose prediction equals the truth (0 for no pairs).</summary>
    public static double Accuracy(IReadOnlyList<(int Truth, int Predicted)> pairs) =>
        pairs.Count == 0 ? 0 : (double)pairs.Count(p => p.Truth == p.Predicted) / pairs.Count;
}
