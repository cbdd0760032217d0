using System.Text.Json;

namespace MannRl.Data.Symbols;

/// <summary>
/// A sequence task of one's own (<c>dataset: symbols</c>, <c>data_file: PATH</c>): the sequences of a data file in the
/// format <c>mannrl data make</c> writes (<see cref="SymbolDataFile"/>: <c>{"train": [[inputs, targets], ...],
/// "validation": [...]}</c>, inputs and targets lists of one-character symbols of equal length). The alphabet is the
/// file's <c>"alphabet"</c> list when it has one, else its symbols in character order; inputs and targets share it.
/// Every step is scored, and a sequence's answer is its last step (<c>answer_accuracy</c>), as for logic.
/// </summary>
public static class SymbolsTask
{
    /// <summary>The dataset name of the config.</summary>
    public const string Name = "symbols";

    /// <summary>Reads <paramref name="dataFile"/> (relative to <paramref name="dataDir"/>, or absolute).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a data set of one-character symbols; the message names the place.</exception>
    public static SequenceDataset Load(string dataDir, string dataFile, Action<string>? log = null)
    {
        string path = Path.GetFullPath(Path.Combine(dataDir, dataFile));
        if (!File.Exists(path))
            throw new FileNotFoundException($"data_file {path} not found; write your sequences there in the format of "
                + "'mannrl data make' (e.g. 'mannrl data make copy --out DIR' writes an example), or fix data_file or --data-dir", path);
        string json = File.ReadAllText(path);
        var (task, alphabet) = Header(json, path);
        const string fix = "write {\"train\": [[inputs, targets], ...], \"validation\": [...]} with inputs and targets lists of one-character symbols";
        var data = SymbolDataFile.Parse(json, path, task, alphabet, fix);
        Sequence[] ToSequences(IReadOnlyList<SymbolExample> split) => split.Select(e => e.ToSequence(alphabet)).ToArray();
        log?.Invoke($"symbols: read {path} ({data.Train.Count} train, {data.Validation.Count} validation sequences, {alphabet.Count} symbols: {alphabet})");
        return new SequenceDataset(Name, alphabet.Count, alphabet.Symbols, ToSequences(data.Train), ToSequences(data.Validation),
            inputSymbols: alphabet.Symbols)
        {
            Scoring = Scoring.LastStepAnswer,
        };
    }

    /// <summary>The task the file names (or null) and its alphabet: the file's list, else every symbol it uses, in character order.</summary>
    private static (string? Task, SymbolAlphabet Alphabet) Header(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, new SymbolAlphabet("?")); // Parse reports the shape
            string? task = root.TryGetProperty("task", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (root.TryGetProperty("alphabet", out var listed) && listed.ValueKind == JsonValueKind.Array)
                return (task, new SymbolAlphabet(string.Concat(listed.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() : "?"))));
            var symbols = new SortedSet<char>();
            foreach (string split in new[] { "train", "validation" })
                if (root.TryGetProperty(split, out var sequences) && sequences.ValueKind == JsonValueKind.Array)
                    foreach (var pair in sequences.EnumerateArray())
                        if (pair.ValueKind == JsonValueKind.Array)
                            foreach (var side in pair.EnumerateArray())
                                if (side.ValueKind == JsonValueKind.Array)
                                    foreach (var symbol in side.EnumerateArray())
                                        if (symbol.ValueKind == JsonValueKind.String) symbols.UnionWith(symbol.GetString()!);
            return (task, new SymbolAlphabet(symbols.Count > 0 ? string.Concat(symbols) : "?"));
        }
        catch (JsonException)
        {
            return (null, new SymbolAlphabet("?")); // Parse reports where the JSON breaks
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: its \"alphabet\" list is not a list of distinct one-character symbols ({e.Message})", e);
        }
    }
}
