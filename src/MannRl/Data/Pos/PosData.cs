using MannRl.Config;

namespace MannRl.Data.Pos;

/// <summary>Everything <see cref="PosTask.LoadData"/> built: the dataset and the pieces it was made of.</summary>
/// <param name="Dataset">The udpos dataset the trainer consumes.</param>
/// <param name="Corpus">The raw sentences (no end symbol, train not truncated), e.g. for the baseline.</param>
/// <param name="Tags">The target classes.</param>
/// <param name="Embeddings">The embeddings used (the resolved <c>pos_embeddings</c>).</param>
/// <param name="Vocabulary">The word ids for <c>learned:DIM</c>, else null.</param>
public sealed record PosData(SequenceDataset Dataset, PosCorpus Corpus, PosTagDictionary Tags, PosEmbeddings Embeddings, WordVocabulary? Vocabulary)
{
    /// <summary>
    /// For <c>learned:DIM</c>, DIM: the width of the trainable row-lookup embedding a model puts in front of the
    /// one-hot word ids (whose width is <see cref="SequenceDataset.InputDim"/>, the vocabulary size); else null.
    /// </summary>
    public int? LearnedEmbeddingDim => Embeddings.Kind == PosEmbeddingKind.Learned ? Embeddings.Dimension : null;
}
