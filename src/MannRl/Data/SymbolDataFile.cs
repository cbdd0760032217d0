using System.Text;
using System.Text.Json;

namespace MannRl.Data;

/// <summary>
/// The data file of a generated task, in the original logic format: <c>{"train": [[inputs, targets], ...],
/// "validation": [...]}</c>, each inputs/targets a list of one-character symbol strings, written byte-for-byte as
/// Python's <c>json.dump</c> wrote it (", " and ": " separators, no final newline), atomically. The memory tasks'
/// files start with a header naming the task and its alphabet (<c>{"task": "copy", "alphabet": ["-", ...], ...}</c>),
/// so that a file is never read as another task's data; the logic file carries none, as the original's.
/// </summary>
public static class SymbolDataFile
{
    /// <summary>
    /// Reads and checks a data file: the task it names must be <paramref name="task"/> (null: it must name none), its
    /// alphabet (when it has one) must equal <paramref name="alphabet"/>, and every symbol must be in that alphabet.
    /// Problems are <see cref="InvalidDataException"/>s naming the file, the sequence and <paramref name="fix"/>.
    /// </summary>
    public static SymbolDataSet Read(string path, string? task, SymbolAlphabet alphabet, string fix)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the data ({e.Message}); check the path and its permissions", e);
        }
        return Parse(text, path, task, alphabet, fix);
    }

    /// <summary>As <see cref="Read"/>, from the JSON text; <paramref name="sourceName"/> names it in messages.</summary>
    public static SymbolDataSet Parse(string json, string sourceName, string? task, SymbolAlphabet alphabet, string fix)
    {
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
            CheckHeader(root, sourceName, task, alphabet, fix);
            return new SymbolDataSet(task, alphabet,
                ReadSplit(root, "train", sourceName, alphabet, fix), ReadSplit(root, "validation", sourceName, alphabet, fix));
        }
    }

    /// <summary>
    /// The task a data file names, or null when it names none (the original's logic file); problems reading it are
    /// <see cref="InvalidDataException"/>s.
    /// </summary>
    public static string? TaskOf(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("task", out JsonElement t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidDataException($"{path}: cannot read a data set from it ({e.Message}); pass a file written by 'mannrl data make'", e);
        }
    }

    /// <summary>Writes a data file atomically; the header is written when <paramref name="data"/> names a task.</summary>
    public static void Write(string path, SymbolDataSet data) => IO.AtomicFile.WriteText(path, ToJson(data));

    /// <summary>The file's text (see the class summary).</summary>
    public static string ToJson(SymbolDataSet data)
    {
        var json = new StringBuilder("{");
        if (data.Task is not null)
        {
            json.Append("\"task\": \"").Append(data.Task).Append("\", \"alphabet\": ");
            AppendSymbols(json, data.Alphabet.Characters);
            json.Append(", ");
        }
        json.Append("\"train\": ");
        AppendSplit(json, data.Train);
        json.Append(", \"validation\": ");
        AppendSplit(json, data.Validation);
        return json.Append('}').ToString();
    }

    private static void CheckHeader(JsonElement root, string source, string? task, SymbolAlphabet alphabet, string fix)
    {
        string? fileTask = root.TryGetProperty("task", out JsonElement t) ? t.ValueKind == JsonValueKind.String ? t.GetString() : t.GetRawText() : null;
        if (fileTask != task)
            throw new InvalidDataException(task is null
                ? $"{source}: it holds {fileTask} sequences, not logic sequences; {fix}"
                : fileTask is null
                    ? $"{source}: it names no task, so it is not {task} data (a logic file?); {fix}"
                    : $"{source}: it holds {fileTask} sequences, not {task} sequences; {fix}");
        if (task is null) return;
        if (!root.TryGetProperty("alphabet", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{source}: no \"alphabet\" list of symbols after \"task\"; {fix}");
        string symbols = ReadSymbols(list, $"{source}: alphabet", null, fix);
        if (symbols != alphabet.Characters)
            throw new InvalidDataException(
                $"{source}: its alphabet ({symbols.Length} symbols: {string.Join(" ", symbols.ToCharArray())}) differs from the expected one "
                + $"({alphabet.Count} symbols: {alphabet}); {fix}");
    }

    private static void AppendSplit(StringBuilder json, IReadOnlyList<SymbolExample> split)
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
            json.Append('"').Append(symbols[i]).Append('"');   // the task alphabets need no escaping
        }
        json.Append(']');
    }

    private static SymbolExample[] ReadSplit(JsonElement root, string name, string source, SymbolAlphabet alphabet, string fix)
    {
        if (!root.TryGetProperty(name, out JsonElement split) || split.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{source}: no \"{name}\" list of [inputs, targets] pairs; {fix}");
        var examples = new SymbolExample[split.GetArrayLength()];
        int index = 0;
        foreach (JsonElement pair in split.EnumerateArray())
        {
            string where = $"{source}: {name} sequence {index} (0-based)";
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
                throw new InvalidDataException($"{where}: expected a pair [inputs, targets]; {fix}");
            string inputs = ReadSymbols(pair[0], $"{where}, inputs", alphabet, fix);
            string targets = ReadSymbols(pair[1], $"{where}, targets", alphabet, fix);
            if (inputs.Length != targets.Length)
                throw new InvalidDataException($"{where}: {inputs.Length} inputs but {targets.Length} targets; every step needs one of each; {fix}");
            if (inputs.Length == 0)
                throw new InvalidDataException($"{where}: the sequence is empty; {fix}");
            examples[index++] = new SymbolExample(inputs, targets);
        }
        return examples;
    }

    private static string ReadSymbols(JsonElement list, string where, SymbolAlphabet? alphabet, string fix)
    {
        if (list.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{where}: expected a list of symbols, found {list.ValueKind}; {fix}");
        var symbols = new StringBuilder(list.GetArrayLength());
        int position = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string? s = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (s is null || s.Length != 1 || alphabet is not null && alphabet.IdOf(s[0]) < 0)
                throw new InvalidDataException(alphabet is null
                    ? $"{where}: symbol {item.GetRawText()} at position {position} is not a one-character string; {fix}"
                    : $"{where}: symbol {item.GetRawText()} at position {position} is not one of {alphabet}; {fix}");
            symbols.Append(s[0]);
            position++;
        }
        return symbols.ToString();
    }
}
