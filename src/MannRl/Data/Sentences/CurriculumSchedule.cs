namespace MannRl.Data.Sentences;

/// <summary>
/// The config's <c>wmt_curriculum: [milestone, chunk]</c>: the length-sorted, truncated training pairs are cut into
/// chunks of <see cref="ChunkSize"/>; training starts with chunk 0 and gains the next chunk every
/// <see cref="Milestone"/> epochs, so 0-based epoch e trains on chunks 0..floor(e / milestone).
/// </summary>
public sealed record CurriculumSchedule
{
    /// <summary>Creates a schedule; both values must be positive.</summary>
    public CurriculumSchedule(int milestone, int chunkSize)
    {
        if (milestone <= 0)
            throw new ArgumentOutOfRangeException(nameof(milestone), $"wmt_curriculum milestone must be positive, got {milestone}");
        if (chunkSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(chunkSize), $"wmt_curriculum chunk size must be positive, got {chunkSize}");
        Milestone = milestone;
        ChunkSize = chunkSize;
    }

    /// <summary>Epochs between two additions of a chunk.</summary>
    public int Milestone { get; }

    /// <summary>Pairs per chunk (the last chunk may be smaller).</summary>
    public int ChunkSize { get; }

    /// <summary>Number of chunks that <paramref name="pairs"/> pairs make: ceil(pairs / chunk).</summary>
    public int ChunkCount(int pairs) => (pairs + ChunkSize - 1) / ChunkSize;

    /// <summary>
    /// Number of chunks in use at a 0-based epoch: min(floor(epoch / milestone) + 1, <paramref name="chunkCount"/>).
    /// </summary>
    public int ChunksInUse(int epoch, int chunkCount)
    {
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), $"epoch must be 0 or more, got {epoch}");
        return (int)Math.Min((long)epoch / Milestone + 1, chunkCount);
    }
}
