using MannRl.Config;

namespace MannRl.Data.Pos;

/// <summary>The settings of the udpos data (config keys <c>pos_tagset</c>, <c>pos_embeddings</c>, <c>seed</c>, train truncation).</summary>
public sealed record PosOptions
{
    /// <summary>The target column: XPOS (the original's ~50 Penn tags, the default) or UPOS.</summary>
    public PosTagset Tagset { get; init; } = PosTagset.Xpos;

    /// <summary>
    /// The input per word: <c>glove:PATH</c>, <c>random:DIM</c> or <c>learned:DIM</c>; null: GloVe from the default
    /// path when that file exists, else <c>random:300</c> with a warning (<see cref="PosTask.ResolveEmbeddings"/>).
    /// </summary>
    public PosEmbeddings? Embeddings { get; init; }

    /// <summary>Seed of the random word vectors and of the training subset (the original seeds everything with 13).</summary>
    public ulong Seed { get; init; } = 13;

    /// <summary>
    /// Keep only this many training sentences, a seeded random subset kept in file order (the original shuffles,
    /// then truncates); zero or negative keeps all. Validation and test are never truncated.
    /// </summary>
    public int TrainTruncate { get; init; } = -1;
}
