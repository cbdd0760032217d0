using System.Globalization;

namespace MannRl.Data.Pos;

/// <summary>
/// Reads CoNLL-U (https://universaldependencies.org/format.html) into sentences of syntactic words.
/// Comment lines (<c>#</c>), multiword-token lines (id <c>1-2</c>) and empty nodes (id <c>1.1</c>) are skipped;
/// sentences end at a blank (or whitespace-only) line or at the end of the file; CRLF and a missing final newline
/// are accepted. Anything else that is not a well-formed word line is an <see cref="InvalidDataException"/> naming
/// the source, the line number and the fault.
/// </summary>
public static class ConlluReader
{
    private const int Columns = 10;

    /// <summary>Reads a CoNLL-U file (UTF-8, a byte-order mark allowed).</summary>
    public static IReadOnlyList<ConlluToken[]> ReadFile(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads CoNLL-U text; <paramref name="source"/> names it in error messages (usually the file path).</summary>
    public static IReadOnlyList<ConlluToken[]> Read(TextReader reader, string source)
    {
        var sentences = new List<ConlluToken[]>();
        var words = new List<ConlluToken>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                if (words.Count > 0) { sentences.Add([.. words]); words.Clear(); }
                continue;
            }
            if (line[0] == '#') continue;

            string[] cols = line.Split('\t');
            if (cols.Length != Columns)
                throw Fault(source, lineNumber, $"expected {Columns} tab-separated columns, found {cols.Length}");

            string id = cols[0];
            int dash = id.IndexOf('-'), dot = id.IndexOf('.');
            if (dash >= 0 || dot >= 0)
            {
                // A multiword token ("3-4") or an empty node ("5.1", "0.1" before the first word): both parts numbers.
                int cut = dash >= 0 ? dash : dot;
                if (!IsInt(id[..cut], min: dash >= 0 ? 1 : 0) || !IsInt(id[(cut + 1)..], min: 1))
                    throw BadId(source, lineNumber, id);
                continue;
            }
            if (!IsInt(id, min: 1)) throw BadId(source, lineNumber, id);
            int expected = words.Count + 1;
            if (int.Parse(id, CultureInfo.InvariantCulture) != expected)
                throw Fault(source, lineNumber, $"word id {id} where {expected} was expected (ids count 1, 2, 3, ... within a sentence)");

            string form = cols[1], upos = cols[3], xpos = cols[4];
            if (form.Length == 0) throw Fault(source, lineNumber, "the FORM column (2) is empty");
            if (upos.Length == 0) throw Fault(source, lineNumber, "the UPOS column (4) is empty");
            if (xpos.Length == 0) throw Fault(source, lineNumber, "the XPOS column (5) is empty");
            words.Add(new ConlluToken(form, upos, xpos));
        }
        if (words.Count > 0) sentences.Add([.. words]);
        return sentences;
    }

    private static bool IsInt(string s, int min) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min;

    private static InvalidDataException BadId(string source, int line, string id) =>
        Fault(source, line, $"bad id '{id}' (expected a word id like 3, a multiword range like 3-4 or an empty node like 3.1)");

    private static InvalidDataException Fault(string source, int line, string what) =>
        new($"{source}, line {line}: {what}");
}
