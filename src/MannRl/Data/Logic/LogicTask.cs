using MannRl.Engine;

namespace MannRl.Data.Logic;

/// <summary>
/// The logic task's data: <c>&lt;data dir&gt;/logic/logic.dataset.json</c> when present (the original's file can be
/// put there), else 10,000 sequences generated once from the seed, split once 95/5, and cached there. (The original's
/// cache flag was inverted, so it regenerated the data for each split: spec section 9, defect 5.)
/// </summary>
public static class LogicTask
{
    /// <summary>The dataset name of the config.</summary>
    public const string Name = "logic";

    /// <summary>Loads (or generates and caches) the original's logic data below <paramref name="dataDir"/>.</summary>
    /// <param name="dataDir">The data directory (see <see cref="DataDirectory"/>).</param>
    /// <param name="seed">Seed of the generation when there is no file.</param>
    /// <param name="log">Receives one line on what was read, generated or written, and warnings.</param>
    public static SequenceDataset Load(string dataDir, ulong seed, Action<string>? log = null) =>
        Load(dataDir, LogicOptions.Original(seed), log);

    /// <summary>
    /// Loads logic data: with the original's operands and count, the file below <paramref name="dataDir"/> (generated
    /// and cached there when absent; when <paramref name="dataDir"/> itself does not exist, and is not the default
    /// <c>./data</c>, generated with a warning and not cached); otherwise generated from <paramref name="options"/> and not
    /// cached (a file of other parameters is made with <c>mannrl data make logic</c>). With <paramref name="cache"/> false
    /// nothing is written (<c>mannrl validate</c>): absent data is generated in memory only.
    /// </summary>
    public static SequenceDataset Load(string dataDir, LogicOptions options, Action<string>? log = null, bool cache = true)
    {
        if (!options.IsOriginal)
        {
            log?.Invoke($"logic: generated {options.Count} sequences of {options.Operands.ToCommandLine()} operands with seed {options.Seed} "
                + "(not cached: only the original's 10,000 sequences of 2..20 operands are read from the data directory)");
            return ToDataset(Generate(options));
        }
        ulong seed = options.Seed;
        string folder = Path.Combine(dataDir, "logic");
        string path = Path.Combine(folder, LogicDataFile.FileName);
        if (File.Exists(path))
        {
            LogicSplits read = LogicDataFile.Read(path);
            log?.Invoke($"logic: read {path} ({read.Train.Count} train, {read.Validation.Count} validation sequences)");
            return ToDataset(read);
        }

        LogicSplits generated = Generate(seed);
        if (!Directory.Exists(dataDir) && dataDir != DataDirectory.Default)
        {
            // A mistyped --data-dir must not silently become a new data set (the original's file differs from a generated one).
            log?.Invoke($"warning: logic: the data directory {dataDir} does not exist, so there is no {Path.Combine("logic", LogicDataFile.FileName)} "
                + $"to read: using {LogicGenerator.DefaultCount} sequences generated with seed {seed} (not cached). To read the original's data pass "
                + $"--data-dir with the folder that holds logic/{LogicDataFile.FileName}; to cache generated data create the directory first");
            return ToDataset(generated);
        }
        if (!cache)
        {
            log?.Invoke($"logic: generated {LogicGenerator.DefaultCount} sequences with seed {seed} in memory ({path} is absent; a run writes it there)");
            return ToDataset(generated);
        }
        try
        {
            Directory.CreateDirectory(folder);
            LogicDataFile.Write(path, generated);
            log?.Invoke($"logic: generated {LogicGenerator.DefaultCount} sequences with seed {seed} and wrote them to {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log?.Invoke($"warning: logic: could not write {path} ({e.Message}); continuing with the {LogicGenerator.DefaultCount} "
                + $"sequences generated with seed {seed} (they are not cached; use a writable --data-dir to keep them)");
        }
        return ToDataset(generated);
    }

    /// <summary>The standard data set for a seed: 10,000 sequences, the last 5% for validation.</summary>
    public static LogicSplits Generate(ulong seed) => Generate(LogicOptions.Original(seed));

    /// <summary>The data set of <paramref name="options"/>: the last 5% for validation.</summary>
    public static LogicSplits Generate(LogicOptions options)
    {
        var generator = new LogicGenerator(new Rng(options.Seed).Fork("logic-data"), options.Operands.Min, options.Operands.Max);
        return LogicGenerator.Split(generator.Generate(options.Count));
    }

    /// <summary>A logic sequence's length for <c>evaluate --by-length</c>: its operands (the 0 and 1 inputs).</summary>
    public static SequenceLength OperandCount { get; } = SequenceLength.InputsBetween("operands", LogicAlphabet.IdOf('0'), LogicAlphabet.IdOf('1'));

    /// <summary>The dataset the trainer reads: one-hot inputs and targets over <see cref="LogicAlphabet"/>.</summary>
    public static SequenceDataset ToDataset(LogicSplits splits) => new(
        Name,
        LogicAlphabet.Count,
        LogicAlphabet.Symbols,
        splits.Train.Select(e => e.ToSequence()).ToArray(),
        splits.Validation.Select(e => e.ToSequence()).ToArray(),
        test: null,
        inputSymbols: LogicAlphabet.Symbols)
    {
        Scoring = Scoring.LastStepAnswer,
        Length = OperandCount,
    };
}
