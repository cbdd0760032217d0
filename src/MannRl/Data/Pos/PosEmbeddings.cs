using System.Globalization;

namespace MannRl.Data.Pos;

/// <summary>How a word becomes the action net's input (config key <c>pos_embeddings</c>).</summary>
public enum PosEmbeddingKind
{
    /// <summary>Pre-trained vectors from a GloVe text file; unknown words get the zero vector (the original).</summary>
    Glove,

    /// <summary>A fixed pseudo-random vector per word, from the seed and the word alone (works offline).</summary>
    Random,

    /// <summary>Word ids (one-hot over a train vocabulary) for a trainable embedding in front of the model.</summary>
    Learned,
}

/// <summary>
/// A parsed <c>pos_embeddings</c> value: <c>glove:PATH</c>, <c>random:DIM</c> or <c>learned:DIM</c>.
/// </summary>
/// <param name="Kind">The kind of input.</param>
/// <param name="Dimension">The vector width for random and learned; null for GloVe (the file decides).</param>
/// <param name="Path">The GloVe file for <see cref="PosEmbeddingKind.Glove"/>, else null.</param>
public sealed record PosEmbeddings(PosEmbeddingKind Kind, int? Dimension, string? Path)
{
    /// <summary>The width of the random vectors used when no vectors are configured.</summary>
    public const int DefaultRandomDimension = 300;

    /// <summary>
    /// The GloVe file looked for under the data directory when <c>pos_embeddings</c> is not set: the original's
    /// vectors (glove.840B.300d, cased, 2.2M words) unzipped into <c>&lt;data-dir&gt;/glove/</c>.
    /// </summary>
    public static readonly string DefaultGloveRelativePath = System.IO.Path.Combine("glove", "glove.840B.300d.txt");

    /// <summary>Parses <c>glove:PATH</c>, <c>random:DIM</c> or <c>learned:DIM</c> (the kind in any case).</summary>
    public static PosEmbeddings Parse(string spec)
    {
        int colon = spec.IndexOf(':');
        string kind = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        string arg = colon < 0 ? "" : spec[(colon + 1)..].Trim();
        switch (kind)
        {
            case "glove":
                if (arg.Length == 0) throw Bad(spec, "glove needs the vectors file: glove:PATH");
                return new PosEmbeddings(PosEmbeddingKind.Glove, null, arg);
            case "random":
            case "learned":
                if (!int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out int dim) || dim < 1)
                    throw Bad(spec, $"{kind} needs a positive vector width: {kind}:DIM, e.g. {kind}:100");
                return new PosEmbeddings(kind == "random" ? PosEmbeddingKind.Random : PosEmbeddingKind.Learned, dim, null);
            default:
                throw Bad(spec, "use glove:PATH, random:DIM or learned:DIM");
        }
    }

    /// <summary>
    /// The embeddings to use: <paramref name="spec"/> parsed when set; otherwise GloVe at
    /// <see cref="DefaultGloveRelativePath"/> under <paramref name="dataDir"/> when that file exists; otherwise
    /// <c>random:300</c>, reported through <paramref name="warn"/>.
    /// </summary>
    public static PosEmbeddings Resolve(string? spec, string dataDir, Action<string>? warn)
    {
        if (!string.IsNullOrWhiteSpace(spec)) return Parse(spec);
        string glove = System.IO.Path.Combine(dataDir, DefaultGloveRelativePath);
        if (File.Exists(glove)) return new PosEmbeddings(PosEmbeddingKind.Glove, null, glove);
        warn?.Invoke(
            $"pos_embeddings is not set and {glove} does not exist: using random:{DefaultRandomDimension} " +
            "(fixed random vectors per word, not the original's GloVe inputs). Set pos_embeddings to glove:PATH " +
            $"(e.g. glove.840B.300d.txt from https://nlp.stanford.edu/projects/glove/), random:DIM or learned:DIM.");
        return new PosEmbeddings(PosEmbeddingKind.Random, DefaultRandomDimension, null);
    }

    /// <summary>The config form: <c>glove:PATH</c>, <c>random:DIM</c> or <c>learned:DIM</c>.</summary>
    public override string ToString() => Kind switch
    {
        PosEmbeddingKind.Glove => $"glove:{Path}",
        PosEmbeddingKind.Random => $"random:{Dimension}",
        _ => $"learned:{Dimension}",
    };

    private static ArgumentException Bad(string spec, string fix) => new($"pos_embeddings '{spec}' is not valid: {fix}");
}
