using MannRl.Config;
using MannRl.Engine;

namespace MannRl.Data.Pos;

/// <summary>
/// The <c>udpos</c> task (spec section 7): UD English EWT, one sequence per sentence, one step per word; the target
/// is the word's XPOS (or UPOS) tag and the input its word vector (or word id for learned embeddings). Every
/// sentence gets the end symbol (<see cref="PosEndSymbol"/>); tags are numbered by <see cref="PosTagDictionary"/>.
/// </summary>
public static class PosTask
{
    /// <summary>The dataset name (config key <c>dataset</c>).</summary>
    public const string Name = "udpos";

    /// <summary>The width of the random vectors used when no vectors are configured.</summary>
    public const int DefaultRandomDimension = 300;

    /// <summary>
    /// The GloVe file looked for under the data directory when <c>pos_embeddings</c> is not set: the original's
    /// vectors (glove.840B.300d, cased, 2.2M words) unzipped into <c>&lt;data-dir&gt;/glove/</c>.
    /// </summary>
    public static readonly string DefaultGloveRelativePath = Path.Combine("glove", "glove.840B.300d.txt");

    /// <summary>Loads the udpos dataset from <c>&lt;dataDir&gt;/ud-english-ewt/</c>.</summary>
    /// <param name="dataDir">The data directory.</param>
    /// <param name="options">Tagset, embeddings, seed, train truncation.</param>
    /// <param name="warn">Receives warnings (e.g. random vectors used because no GloVe file is configured).</param>
    public static SequenceDataset Load(string dataDir, PosOptions options, Action<string>? warn = null) =>
        LoadData(dataDir, options, warn).Dataset;

    /// <summary>As <see cref="Load"/>, also returning the corpus, tags, embeddings and vocabulary.</summary>
    public static PosData LoadData(string dataDir, PosOptions options, Action<string>? warn = null)
    {
        var corpus = PosCorpus.Load(dataDir);
        return Build(corpus, options with { Embeddings = ResolveEmbeddings(options.Embeddings, dataDir, warn) }, warn);
    }

    /// <summary>
    /// The embeddings to use: <paramref name="configured"/> when set; otherwise GloVe at
    /// <see cref="DefaultGloveRelativePath"/> under <paramref name="dataDir"/> when that file exists; otherwise
    /// <c>random:300</c>, reported through <paramref name="warn"/>.
    /// </summary>
    public static PosEmbeddings ResolveEmbeddings(PosEmbeddings? configured, string dataDir, Action<string>? warn)
    {
        if (configured is not null) return configured;
        string glove = Path.Combine(dataDir, DefaultGloveRelativePath);
        if (File.Exists(glove)) return new PosEmbeddings(PosEmbeddingKind.Glove, null, glove);
        warn?.Invoke(
            $"pos_embeddings is not set and {glove} does not exist: using random:{DefaultRandomDimension} " +
            "(fixed random vectors per word, not the original's GloVe inputs). Set pos_embeddings to glove:PATH " +
            $"(e.g. glove.840B.300d.txt from https://nlp.stanford.edu/projects/glove/), random:DIM or learned:DIM.");
        return new PosEmbeddings(PosEmbeddingKind.Random, DefaultRandomDimension, null);
    }

    /// <summary>Builds the dataset from a corpus already read; <see cref="PosOptions.Embeddings"/> must be set.</summary>
    public static PosData Build(PosCorpus corpus, PosOptions options, Action<string>? warn = null)
    {
        var embeddings = options.Embeddings
            ?? throw new ArgumentException("PosTask.Build needs PosOptions.Embeddings (glove:PATH, random:DIM or learned:DIM); LoadData picks a default");
        var tags = PosTagDictionary.Build(corpus, options.Tagset);

        var train = Truncate(corpus.Train, options.TrainTruncate, options.Seed).Select(PosEndSymbol.Apply).ToList();
        var validation = corpus.Validation.Select(PosEndSymbol.Apply).ToList();
        var test = corpus.Test.Select(PosEndSymbol.Apply).ToList();

        Func<ConlluToken[], Sequence> toSequence;
        int inputDim;
        IReadOnlyList<string>? inputSymbols = null;
        WordVocabulary? vocabulary = null;
        if (embeddings.Kind == PosEmbeddingKind.Learned)
        {
            var vocab = vocabulary = WordVocabulary.Build(train);
            inputDim = vocab.Count;
            inputSymbols = vocab.Words;
            toSequence = s => Sequence.OneHot(s.Select(t => vocab.Id(t.Form)).ToArray(), Targets(s, tags));
        }
        else
        {
            IWordVectors vectors = embeddings.Kind == PosEmbeddingKind.Random
                ? new RandomWordVectors(embeddings.Dimension!.Value, options.Seed)
                : LoadGlove(embeddings.Path!, train.Concat(validation).Concat(test), warn);
            inputDim = vectors.Dimension;
            toSequence = s => DenseSequence(s, vectors, tags);
        }

        var dataset = new SequenceDataset(
            Name, inputDim, tags.Tags,
            train.Select(toSequence).ToList(), validation.Select(toSequence).ToList(), test.Select(toSequence).ToList(),
            inputSymbols)
        {
            LearnedEmbeddingDim = embeddings.Kind == PosEmbeddingKind.Learned ? embeddings.Dimension : null,
        };
        return new PosData(dataset, corpus, tags, embeddings, vocabulary);
    }

    /// <summary>
    /// The first <paramref name="count"/> sentences of a seeded shuffle, returned in file order; all when
    /// <paramref name="count"/> is not positive or not smaller than the number of sentences.
    /// </summary>
    public static IReadOnlyList<ConlluToken[]> Truncate(IReadOnlyList<ConlluToken[]> sentences, int count, ulong seed)
    {
        if (count <= 0 || count >= sentences.Count) return sentences;
        int[] order = Enumerable.Range(0, sentences.Count).ToArray();
        new Rng(seed).Fork("udpos-train-truncate").Shuffle(order.AsSpan());
        int[] kept = order[..count];
        Array.Sort(kept);
        return kept.Select(i => sentences[i]).ToList();
    }

    private static int[] Targets(ConlluToken[] sentence, PosTagDictionary tags) => sentence.Select(tags.Id).ToArray();

    private static Sequence DenseSequence(ConlluToken[] sentence, IWordVectors vectors, PosTagDictionary tags)
    {
        int d = vectors.Dimension;
        var x = new float[sentence.Length * d]; // (steps, d)
        for (int t = 0; t < sentence.Length; t++) vectors.CopyTo(sentence[t].Form, x.AsSpan(t * d, d));
        return Sequence.Dense(x, d, Targets(sentence, tags));
    }

    private static GloveVectors LoadGlove(string path, IEnumerable<ConlluToken[]> sentences, Action<string>? warn)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        long tokens = 0;
        foreach (var s in sentences) foreach (var t in s) { words.Add(t.Form); tokens++; }
        var glove = GloveVectors.Load(path, words);
        long known = sentences.Sum(s => s.Count(t => glove.Contains(t.Form)));
        if (known * 2 < tokens)
            warn?.Invoke(
                $"{path} has vectors for only {known} of {tokens} words of the corpus ({100.0 * known / tokens:F1}%); " +
                "lookup is case-sensitive, so a lower-cased GloVe file (6B, 42B) misses capitalised words. The others get zero vectors.");
        return glove;
    }
}
