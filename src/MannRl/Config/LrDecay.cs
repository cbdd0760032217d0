namespace MannRl.Config;

/// <summary>
/// A MultiStepLR schedule (<c>*_lr_rate_decay</c>): the learning rate is multiplied by <see cref="Gamma"/> at the end
/// of each (1-based) epoch count listed in <see cref="Milestones"/>. YAML forms: <c>[[100, 150], 0.5]</c> or
/// <c>[100, 0.5]</c> (one milestone).
/// </summary>
/// <param name="Milestones">Epoch counts at which the rate decays, each at least 1.</param>
/// <param name="Gamma">Multiplicative factor applied at each milestone.</param>
public sealed record LrDecay(int[] Milestones, double Gamma)
{
    /// <summary>Value equality over the milestone list (records compare arrays by reference otherwise).</summary>
    public bool Equals(LrDecay? other) =>
        other is not null && Gamma.Equals(other.Gamma) && Milestones.AsSpan().SequenceEqual(other.Milestones);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int m in Milestones) hash.Add(m);
        hash.Add(Gamma);
        return hash.ToHashCode();
    }

    /// <summary>The YAML form, e.g. <c>[[100, 150], 0.5]</c>.</summary>
    public override string ToString() => $"[[{string.Join(", ", Milestones)}], {ConfigWriter.FormatDouble(Gamma)}]";
}
