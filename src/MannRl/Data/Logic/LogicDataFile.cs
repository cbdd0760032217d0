namespace MannRl.Data.Logic;

/// <summary>
/// Reads and writes the original's logic data file: <c>{"train": [[inputs, targets], ...], "validation": [...]}</c>,
/// each inputs/targets a list of one-character symbol strings. Written byte-for-byte as Python's <c>json.dump</c>
/// wrote it, atomically (a temporary file in the same folder, then a rename). The format is
/// <see cref="SymbolDataFile"/>'s, without a header.
/// </summary>
public static class LogicDataFile
{
    /// <summary>The file name inside <c>&lt;data dir&gt;/logic/</c>.</summary>
    public const string FileName = "logic.dataset.json";

    private const string CacheFix = "fix the file, or delete it to have the data generated again";

    /// <summary>Reads and checks a data file; problems are <see cref="InvalidDataException"/>s naming the file and sequence.</summary>
    public static LogicSplits Read(string path) => Read(path, CacheFix);

    /// <summary>As <see cref="Read(string)"/>; messages end with <paramref name="fix"/>.</summary>
    public static LogicSplits Read(string path, string fix) => ToSplits(SymbolDataFile.Read(path, null, LogicAlphabet.Alphabet, fix));

    /// <summary>Parses the JSON text of a data file; <paramref name="sourceName"/> names it in messages.</summary>
    public static LogicSplits Parse(string json, string sourceName) =>
        ToSplits(SymbolDataFile.Parse(json, sourceName, null, LogicAlphabet.Alphabet, CacheFix));

    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, LogicSplits data) => IO.AtomicFile.WriteText(path, ToJson(data));

    /// <summary>The file's text, formatted as Python's <c>json.dump</c> (", " and ": " separators, no final newline).</summary>
    public static string ToJson(LogicSplits data) => SymbolDataFile.ToJson(new SymbolDataSet(null, LogicAlphabet.Alphabet,
        data.Train.Select(e => new SymbolExample(e.Inputs, e.Targets)).ToArray(),
        data.Validation.Select(e => new SymbolExample(e.Inputs, e.Targets)).ToArray()));

    private static LogicSplits ToSplits(SymbolDataSet data) => new(
        data.Train.Select(e => new LogicExample(e.Inputs, e.Targets)).ToArray(),
        data.Validation.Select(e => new LogicExample(e.Inputs, e.Targets)).ToArray());
}
