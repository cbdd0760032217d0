using System.Globalization;

namespace MannRl.Data.Pos;

/// <summary>
/// Word vectors from a GloVe text file: one word per line, <c>word v1 ... vd</c>, fields separated by single spaces.
/// The width d is read from the first line (its word must not contain a space, true of the Stanford files; a
/// word2vec header line <c>count d</c> is also accepted). On later lines the last d fields are the numbers and
/// everything before them is the word, so the words with spaces of glove.840B load. Only the words of a given
/// vocabulary are kept, so a 5.6 GB file costs memory only for the words the corpus uses. Lookup is exact and
/// case-sensitive and a word given twice keeps its last vector, as torchtext's <c>GloVe</c> (the original's loader);
/// unknown words get the zero vector. Numbers are checked for the kept words only (the others are not parsed).
/// </summary>
public sealed class GloveVectors : IWordVectors
{
    private readonly Dictionary<string, float[]> _vectors;

    private GloveVectors(int dimension, Dictionary<string, float[]> vectors)
    {
        Dimension = dimension;
        _vectors = vectors;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Number of words that have a vector.</summary>
    public int Count => _vectors.Count;

    /// <summary>Whether <paramref name="word"/> has a vector.</summary>
    public bool Contains(string word) => _vectors.ContainsKey(word);

    /// <inheritdoc />
    public bool CopyTo(string word, Span<float> destination)
    {
        if (destination.Length != Dimension)
            throw new ArgumentException($"destination holds {destination.Length} values, the vectors have {Dimension}");
        if (_vectors.TryGetValue(word, out float[]? v)) { v.CopyTo(destination); return true; }
        destination.Clear();
        return false;
    }

    /// <summary>Loads the vectors of the words in <paramref name="vocabulary"/> (all words when null) from a UTF-8 file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is malformed; the message names the file and the line.</exception>
    public static GloveVectors Load(string path, IEnumerable<string>? vocabulary = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"GloVe vectors file not found: {path}. Download one from https://nlp.stanford.edu/projects/glove/ " +
                "(the original used glove.840B.300d), unzip it and point pos_embeddings at it (glove:PATH).", path);
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, true, bufferSize: 1 << 20);
        return Read(reader, path, vocabulary);
    }

    /// <summary>Reads GloVe text; <paramref name="source"/> names it in error messages.</summary>
    public static GloveVectors Read(TextReader reader, string source, IEnumerable<string>? vocabulary = null)
    {
        HashSet<string>? keep = vocabulary is null ? null : new HashSet<string>(vocabulary, StringComparer.Ordinal);
        var keepLookup = keep?.GetAlternateLookup<ReadOnlySpan<char>>();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        int dim = 0, lineNumber = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            ReadOnlySpan<char> line = raw.AsSpan().TrimEnd(" \t\r\n");
            if (line.IsEmpty) continue;
            if (dim == 0)
            {
                dim = FirstLineDimension(line, out bool isHeader);
                if (dim < 1) throw Fault(source, lineNumber, "a GloVe line needs a word and at least one number");
                if (isHeader) continue;
            }

            // The word is everything before the last `dim` space-separated fields.
            int wordEnd = line.Length;
            for (int k = 0; k < dim; k++)
            {
                wordEnd = line[..wordEnd].LastIndexOf(' ');
                if (wordEnd < 0)
                    throw Fault(source, lineNumber, $"expected a word and {dim} numbers, found {line.Count(' ') + 1} fields");
            }
            ReadOnlySpan<char> word = line[..wordEnd];
            if (word.IsEmpty) throw Fault(source, lineNumber, "the word is empty (the line starts with a space)");
            string? kept;
            if (keepLookup is { } lookup) { if (!lookup.TryGetValue(word, out kept)) continue; }
            else kept = word.ToString();

            var v = new float[dim];
            ReadOnlySpan<char> rest = line[(wordEnd + 1)..];
            int i = 0;
            foreach (Range r in rest.Split(' '))
            {
                ReadOnlySpan<char> field = rest[r];
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]))
                    throw Fault(source, lineNumber, $"value {i + 1} of '{kept}' is '{field}', not a number");
                i++;
            }
            vectors[kept!] = v;
        }
        if (dim == 0) throw new InvalidDataException($"{source}: no vectors (the file is empty)");
        return new GloveVectors(dim, vectors);
    }

    private static int FirstLineDimension(ReadOnlySpan<char> line, out bool isHeader)
    {
        int fields = line.Count(' ') + 1;
        isHeader = false;
        if (fields == 2)
        {
            int space = line.IndexOf(' ');
            if (int.TryParse(line[..space], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                && int.TryParse(line[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int d))
            {
                isHeader = true;
                return d;
            }
        }
        return fields - 1;
    }

    private static InvalidDataException Fault(string source, int line, string what) => new($"{source}, line {line}: {what}");
}
