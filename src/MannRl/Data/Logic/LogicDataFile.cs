using System.Text;
using System.Text.Json;

namespace MannRl.Data.Logic;

/// <summary>
/// Reads and writes the original's logic data file: <c>{"train": [[inputs, targets], ...], "validation": [...]}</c>,
/// each inputs/targets a list of one-character symbol strings. Written byte-for-byte as Python's <c>json.dump</c>
/// wrote it, atomically (a temporary file in the same folder, then a rename).
/// </summary>
public static class LogicDataFile
{
    /// <summary>The file name inside <c>&lt;data dir&gt;/logic/</c>.</summary>
    public const string FileName = "logic.dataset.json";

    /// <summary>Reads and checks a data file; problems are <see cref="InvalidDataException"/>s naming the file and sequence.</summary>
    public static LogicSplits Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the logic data ({e.Message}); check the path and its permissions", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses the JSON text of a data file; <paramref name="sourceName"/> names it in messages.</summary>
    public static LogicSplits Parse(string json, string sourceName)
    {
        const string fix = "fix the file, or delete it to have the data generated again";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{sourceName}: not valid JSON at line {e.LineNumber + 1} ({e.Message}); {fix}", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{sourceName}: expected an object {{\"train\": [...], \"validation\": [...]}}, found {root.ValueKind}; {fix}");
            return new LogicSplits(ReadSplit(root, "train", sourceName, fix), ReadSplit(root, "validation", sourceName, fix));
        }
    }

    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, LogicSplits data) => IO.AtomicFile.WriteText(path, ToJson(data));

    /// <summary>The file's text, formatted as Python's <c>json.dump</c> (", " and ": " separators, no final newline).</summary>
    public static string ToJson(LogicSplits data)
    {
        var json = new StringBuilder();
        json.Append("{\"train\": ");
        AppendSplit(json, data.Train);
        json.Append(", \"validation\": ");
        AppendSplit(json, data.Validation);
        return json.Append('}').ToString();
    }

    private static void AppendSplit(StringBuilder json, IReadOnlyList<LogicExample> split)
    {
        json.Append('[');
        for (int i = 0; i < split.Count; i++)
        {
            if (i > 0) json.Append(", ");
            json.Append('[');
            AppendSymbols(json, split[i].Inputs);
            json.Append(", ");
            AppendSymbols(json, split[i].Targets);
            json.Append(']');
        }
        json.Append(']');
    }

    private static void AppendSymbols(StringBuilder json, string symbols)
    {
        json.Append('[');
        for (int i = 0; i < symbols.Length; i++)
        {
            if (i > 0) json.Append(", ");
            json.Append('"').Append(symbols[i]).Append('"');   // the alphabet needs no escaping
        }
        json.Append(']');
    }

    private static LogicExample[] ReadSplit(JsonElement root, string name, string source, string fix)
    {
        if (!root.TryGetProperty(name, out JsonElement split) || split.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{source}: no \"{name}\" list of [inputs, targets] pairs; {fix}");
        var examples = new LogicExample[split.GetArrayLength()];
        int index = 0;
        foreach (JsonElement pair in split.EnumerateArray())
        {
            string where = $"{source}: {name} sequence {index} (0-based)";
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
                throw new InvalidDataException($"{where}: expected a pair [inputs, targets]; {fix}");
            string inputs = ReadSymbols(pair[0], $"{where}, inputs", fix);
            string targets = ReadSymbols(pair[1], $"{where}, targets", fix);
            if (inputs.Length != targets.Length)
                throw new InvalidDataException($"{where}: {inputs.Length} inputs but {targets.Length} targets; every step needs one of each; {fix}");
            if (inputs.Length == 0)
                throw new InvalidDataException($"{where}: the sequence is empty; {fix}");
            examples[index++] = new LogicExample(inputs, targets);
        }
        return examples;
    }

    private static string ReadSymbols(JsonElement list, string where, string fix)
    {
        if (list.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{where}: expected a list of symbols, found {list.ValueKind}; {fix}");
        var symbols = new StringBuilder(list.GetArrayLength());
        int position = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string? s = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (s is null || s.Length != 1 || LogicAlphabet.IdOf(s[0]) < 0)
                throw new InvalidDataException(
                    $"{where}: symbol {item.GetRawText()} at position {position} is not one of {string.Join(" ", LogicAlphabet.Symbols)}; {fix}");
            symbols.Append(s[0]);
            position++;
        }
        return symbols.ToString();
    }
}
