using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MannRl.Config;

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
    /// <summary>Parses <c>glove:PATH</c>, <c>random:DIM</c> or <c>learned:DIM</c>; throws naming the value and the form.</summary>
    public static PosEmbeddings Parse(string spec) =>
        TryParse(spec, out PosEmbeddings? result, out string? problem)
            ? result
            : throw new ArgumentException($"pos_embeddings '{spec}' is not valid: {problem}");

    /// <summary>
    /// Parses <c>glove:PATH</c>, <c>random:DIM</c> or <c>learned:DIM</c> exactly as written (lower-case kind, DIM a
    /// positive integer); on failure <paramref name="problem"/> says which form was meant and how to write it.
    /// </summary>
    public static bool TryParse(string spec, [NotNullWhen(true)] out PosEmbeddings? result, [NotNullWhen(false)] out string? problem)
    {
        int colon = spec.IndexOf(':');
        string kind = colon < 0 ? spec : spec[..colon];
        string arg = colon < 0 ? "" : spec[(colon + 1)..];
        result = null;
        switch (kind)
        {
            case "glove" when arg.Length > 0:
                result = new PosEmbeddings(PosEmbeddingKind.Glove, null, arg);
                break;
            case "glove":
                problem = "glove needs the vectors file: glove:PATH";
                return false;
            case "random" or "learned" when int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out int dim) && dim > 0:
                result = new PosEmbeddings(kind == "random" ? PosEmbeddingKind.Random : PosEmbeddingKind.Learned, dim, null);
                break;
            case "random" or "learned":
                problem = $"{kind} needs a positive vector width: {kind}:DIM, e.g. {kind}:100";
                return false;
            default:
                problem = "use glove:PATH, random:DIM or learned:DIM";
                return false;
        }
        problem = null;
        return true;
    }

    /// <summary>The config form: <c>glove:PATH</c>, <c>random:DIM</c> or <c>learned:DIM</c>.</summary>
    public override string ToString() => Kind switch
    {
        PosEmbeddingKind.Glove => $"glove:{Path}",
        PosEmbeddingKind.Random => $"random:{Dimension}",
        _ => $"learned:{Dimension}",
    };
}
