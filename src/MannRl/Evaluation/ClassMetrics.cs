namespace MannRl.Evaluation;

/// <summary>Counts and scores of one class.</summary>
/// <param name="Label">Class id.</param>
/// <param name="Support">Positions whose true class is this one.</param>
/// <param name="Predicted">Positions predicted as this class.</param>
/// <param name="TruePositives">Positions of this class predicted right.</param>
/// <param name="Precision">TruePositives / Predicted, 0 when nothing was predicted.</param>
/// <param name="Recall">TruePositives / Support, 0 when the class never occurs.</param>
/// <param name="F1">2 TruePositives / (Support + Predicted), 0 when both are 0.</param>
public sealed record ClassMetrics(int Label, long Support, long Predicted, long TruePositives, double Precision, double Recall, double F1);
