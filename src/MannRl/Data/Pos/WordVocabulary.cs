namespace MannRl.Data.Pos;

/// <summary>
/// The word ids of <c>learned:DIM</c> embeddings: words are lower-cased (invariant culture); a lower-cased word seen
/// at least <see cref="MinCount"/> times in the training sentences gets its own id, numbered by first appearance;
/// every other word maps to id 0, <see cref="Unknown"/>. Keeping only repeated words leaves the unknown row words to
/// learn from, so it is trained for the words of validation and test it will stand for.
/// </summary>
public sealed class WordVocabulary
{
    /// <summary>The unknown word; its id is 0.</summary>
    public const string Unknown = "<unk>";

    /// <summary>The minimum number of training occurrences for a word of its own.</summary>
    public const int MinCount = 2;

    private readonly Dictionary<string, int> _ids;

    private WordVocabulary(List<string> words)
    {
        Words = words;
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 1; i < words.Count; i++) _ids[words[i]] = i;
    }

    /// <summary>The (lower-cased) words indexed by id, <see cref="Unknown"/> first.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Number of ids, the unknown word included: the one-hot input width.</summary>
    public int Count => Words.Count;

    /// <summary>Builds the vocabulary of the training sentences.</summary>
    public static WordVocabulary Build(IEnumerable<ConlluToken[]> trainSentences)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var sentence in trainSentences)
            foreach (var token in sentence)
            {
                string w = Normalize(token.Form);
                if (counts.TryGetValue(w, out int c)) counts[w] = c + 1;
                else { counts[w] = 1; order.Add(w); }
            }
        var words = new List<string> { Unknown };
        words.AddRange(order.Where(w => counts[w] >= MinCount && w != Unknown));
        return new WordVocabulary(words);
    }

    /// <summary>The id of <paramref name="word"/> (any case); 0 when it is not in the vocabulary.</summary>
    public int Id(string word) => _ids.TryGetValue(Normalize(word), out int id) ? id : 0;

    /// <summary>The form a word is looked up in: lower-cased, invariant culture.</summary>
    public static string Normalize(string word) => word.ToLowerInvariant();
}
