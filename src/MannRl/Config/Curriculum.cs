namespace MannRl.Config;

/// <summary>
/// The sentence curriculum (<c>wmt_curriculum: [milestone, chunk]</c>): the training set, sorted by input length, is
/// cut into chunks of <see cref="Chunk"/> pairs; training starts with chunk 0 and adds the next chunk every
/// <see cref="Milestone"/> training epochs.
/// </summary>
/// <param name="Milestone">Training epochs between two chunk additions (at least 1).</param>
/// <param name="Chunk">Number of pairs per chunk (at least 1).</param>
public sealed record Curriculum(int Milestone, int Chunk)
{
    /// <summary>The YAML form, e.g. <c>[2000, 500]</c>.</summary>
    public override string ToString() => $"[{Milestone}, {Chunk}]";
}
