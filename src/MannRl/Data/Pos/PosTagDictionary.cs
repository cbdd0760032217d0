using MannRl.Config;

namespace MannRl.Data.Pos;

/// <summary>
/// The target classes of the udpos task: the tags of one tagset numbered by first appearance over the raw
/// sentences of train, then validation, then test (the original's order). The end symbol's tag is appended last
/// when the data never uses it (it always does on UD English EWT).
/// </summary>
public sealed class PosTagDictionary
{
    private readonly Dictionary<string, int> _ids;

    private PosTagDictionary(PosTagset tagset, List<string> tags)
    {
        Tagset = tagset;
        Tags = tags;
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tags.Count; i++) _ids[tags[i]] = i;
    }

    /// <summary>The tagset the tags come from.</summary>
    public PosTagset Tagset { get; }

    /// <summary>Tag names indexed by class id.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Number of tags.</summary>
    public int Count => Tags.Count;

    /// <summary>Numbers the tags of a corpus (train, validation, test, in that order).</summary>
    public static PosTagDictionary Build(PosCorpus corpus, PosTagset tagset) =>
        Build(corpus.Train.Concat(corpus.Validation).Concat(corpus.Test), tagset);

    /// <summary>Numbers the tags of <paramref name="sentences"/> by first appearance.</summary>
    public static PosTagDictionary Build(IEnumerable<ConlluToken[]> sentences, PosTagset tagset)
    {
        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
            foreach (var token in sentence)
            {
                string tag = token.Tag(tagset);
                if (seen.Add(tag)) tags.Add(tag);
            }
        string endTag = PosEndSymbol.Token.Tag(tagset);
        if (seen.Add(endTag)) tags.Add(endTag);
        return new PosTagDictionary(tagset, tags);
    }

    /// <summary>The class id of <paramref name="tag"/>.</summary>
    /// <exception cref="KeyNotFoundException">The tag is not in the dictionary.</exception>
    public int Id(string tag) => _ids.TryGetValue(tag, out int id)
        ? id
        : throw new KeyNotFoundException($"POS tag '{tag}' is not one of the {Count} {Tagset} tags of the data");

    /// <summary>The class id of the tag of <paramref name="token"/> in this dictionary's tagset.</summary>
    public int Id(ConlluToken token) => Id(token.Tag(Tagset));
}
