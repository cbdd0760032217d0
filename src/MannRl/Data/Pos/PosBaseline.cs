using MannRl.Config;

namespace MannRl.Data.Pos;

/// <summary>
/// The baseline to beat (spec section 7): the most frequent tag of each word in the training sentences; a word
/// never seen in training gets the most frequent tag overall. Words are matched exactly (case-sensitive, as the
/// original). A tie goes to the tag the word showed first in training (the original's dictionary order); the
/// overall tie likewise. Unlike the original, which counted only words that have a GloVe vector and scored unseen
/// words with a non-tag, every training word counts and unseen words get a real tag: that is what
/// <c>pos-baselines.md</c> measured. Runs on the raw sentences (no end symbol), as the original's baseline.
/// </summary>
public sealed class PosBaseline
{
    private readonly Dictionary<string, string> _best;

    private PosBaseline(PosTagset tagset, Dictionary<string, string> best, string defaultTag)
    {
        Tagset = tagset;
        _best = best;
        DefaultTag = defaultTag;
    }

    /// <summary>The tagset predicted.</summary>
    public PosTagset Tagset { get; }

    /// <summary>The most frequent tag of the training data, predicted for unseen words.</summary>
    public string DefaultTag { get; }

    /// <summary>Number of distinct training words.</summary>
    public int WordCount => _best.Count;

    /// <summary>Counts the tags of every word of <paramref name="train"/>.</summary>
    public static PosBaseline Train(IEnumerable<ConlluToken[]> train, PosTagset tagset)
    {
        // Per word, (tag, count) in order of first appearance: the first of the largest counts wins.
        var perWord = new Dictionary<string, List<(string Tag, int Count)>>(StringComparer.Ordinal);
        var overall = new List<(string Tag, int Count)>();
        foreach (var sentence in train)
            foreach (var token in sentence)
            {
                string tag = token.Tag(tagset);
                if (!perWord.TryGetValue(token.Form, out var counts)) perWord[token.Form] = counts = [];
                Increment(counts, tag);
                Increment(overall, tag);
            }
        if (overall.Count == 0) throw new ArgumentException("the baseline needs at least one training word", nameof(train));
        var best = perWord.ToDictionary(kv => kv.Key, kv => MostFrequent(kv.Value), StringComparer.Ordinal);
        return new PosBaseline(tagset, best, MostFrequent(overall));
    }

    /// <summary>The predicted tag of <paramref name="word"/>.</summary>
    public string Predict(string word) => _best.TryGetValue(word, out string? tag) ? tag : DefaultTag;

    /// <summary>(truth, predicted) class ids, by <paramref name="tags"/>, for every word of <paramref name="sentences"/>.</summary>
    public IReadOnlyList<(int Truth, int Predicted)> Evaluate(IEnumerable<ConlluToken[]> sentences, PosTagDictionary tags)
    {
        if (tags.Tagset != Tagset) throw new ArgumentException($"the baseline predicts {Tagset} tags, the dictionary holds {tags.Tagset} tags");
        var pairs = new List<(int, int)>();
        foreach (var sentence in sentences)
            foreach (var token in sentence)
                pairs.Add((tags.Id(token), tags.Id(Predict(token.Form))));
        return pairs;
    }

    /// <summary>Trains on the corpus's train split and evaluates on all three splits.</summary>
    public static PosBaselineResult Run(PosCorpus corpus, PosTagset tagset)
    {
        var tags = PosTagDictionary.Build(corpus, tagset);
        var model = Train(corpus.Train, tagset);
        return new PosBaselineResult(tags, model.Evaluate(corpus.Train, tags), model.Evaluate(corpus.Validation, tags), model.Evaluate(corpus.Test, tags));
    }

    private static void Increment(List<(string Tag, int Count)> counts, string tag)
    {
        for (int i = 0; i < counts.Count; i++)
            if (counts[i].Tag == tag) { counts[i] = (tag, counts[i].Count + 1); return; }
        counts.Add((tag, 1));
    }

    private static string MostFrequent(List<(string Tag, int Count)> counts)
    {
        var best = counts[0];
        foreach (var c in counts) if (c.Count > best.Count) best = c;
        return best.Tag;
    }
}
