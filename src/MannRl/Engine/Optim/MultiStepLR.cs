namespace MannRl.Engine;

/// <summary>
/// PyTorch's MultiStepLR, stepped once per epoch: after epoch e the rate is base·γ^k with k the number of
/// milestones ≤ e.
/// </summary>
public sealed class MultiStepLR
{
    private readonly Optimizer _optimizer;
    private readonly int[] _milestones;
    private readonly double _baseLr;

    /// <summary>Schedules <paramref name="optimizer"/> from its current learning rate.</summary>
    public MultiStepLR(Optimizer optimizer, IReadOnlyList<int> milestones, float gamma)
    {
        if (milestones.Count == 0 || milestones.Any(m => m < 1))
            throw new ArgumentException($"MultiStepLR milestones must be >= 1, got [{string.Join(", ", milestones)}]");
        _optimizer = optimizer;
        _milestones = milestones.ToArray();
        Gamma = gamma;
        _baseLr = optimizer.LearningRate;
    }

    /// <summary>Factor applied at each milestone.</summary>
    public float Gamma { get; }

    /// <summary>Number of scheduler steps taken (epochs completed).</summary>
    public int Epoch { get; private set; }

    /// <summary>Advances one epoch and sets the optimizer's learning rate.</summary>
    public void Step()
    {
        Epoch++;
        SetEpoch(Epoch);
    }

    /// <summary>Sets the schedule to <paramref name="epoch"/> completed epochs (used when resuming).</summary>
    public void SetEpoch(int epoch)
    {
        Epoch = epoch;
        int k = _milestones.Count(m => m <= epoch);
        _optimizer.LearningRate = (float)(_baseLr * Math.Pow(Gamma, k));
    }
}
