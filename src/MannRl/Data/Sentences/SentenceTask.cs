using MannRl.Config;
using MannRl.Engine;

namespace MannRl.Data.Sentences;

/// <summary>
/// The sentence memorisation (<c>wmt2014-en</c>) and translation (<c>wmt2014-en-fr</c>) data, as the original
/// prepares it:
/// <list type="number">
/// <item>read the line-aligned file(s) and clean them (<see cref="SentenceCleaner"/>);</item>
/// <item>vocabulary = cleaned characters + reserved symbols, sorted (<see cref="SentenceVocabulary"/>), shared by inputs and targets;</item>
/// <item>pairs s -> s (memorisation) or en -> fr and fr -> en (translation), duplicates dropped, shuffled with <see cref="SentenceOptions.Seed"/>;</item>
/// <item>split: the first floor(0.95 n) pairs train, the rest validate (the first <see cref="SentenceOptions.ValidationTruncate"/> of them);</item>
/// <item>training set: without curriculum, the first <see cref="SentenceOptions.TrainTruncate"/> pairs in shuffled order;
/// with curriculum, the pairs stably sorted by length, the shortest <see cref="SentenceOptions.TrainTruncate"/> kept, cut into chunks,
/// and the one-character pairs (<see cref="SentenceOptions.AddCharsToCurriculum"/>) placed after chunk 0.</item>
/// </list>
/// Steps 1-3 are cached (<see cref="SentenceCache"/>). Sequences are encoded on first use.
/// </summary>
public sealed class SentenceTask
{
    private readonly Sequence?[] _trainSequences;
    private readonly Sequence[] _characterSequences;
    private readonly int[] _byLength;
    private readonly int[] _trainSelection;
    private Composed? _lastTrain, _lastTrainEval;

    // The latest composed set of a kind; a reference, so that swapping it is atomic.
    private sealed record Composed(int Truncate, int Chunks, IReadOnlyList<Sequence> Set);

    private SentenceTask(SentenceOptions options, SentenceCache.Entry entry, bool fromCache, Action<string>? log)
    {
        Options = options;
        LoadedFromCache = fromCache;
        var vocabulary = new SentenceVocabulary(entry.Vocabulary);
        if (options.ReadingTarget == ReadingTarget.Digits)
        {
            // The original fails (KeyError) on a corpus without every digit; the reading targets need all ten.
            var withDigits = vocabulary.With(Enumerable.Range('0', 10));
            if (withDigits != vocabulary)
                log?.Invoke($"{options.Dataset}: the text lacks some digits; added {withDigits.Count - vocabulary.Count} for the reading-phase targets");
            vocabulary = withDigits;
        }
        Vocabulary = vocabulary;

        Pairs = entry.Pairs;
        int split = (int)(0.95 * Pairs.Count);
        if (split == 0)
            throw new InvalidDataException($"{options.Dataset}: {Pairs.Count} pairs after cleaning leave no training pair (95% split); the sentence file needs more non-empty lines");
        TrainPairs = new ArraySegment<SentencePair>(entry.Pairs, 0, split);
        int validationCount = Truncated(Pairs.Count - split, options.ValidationTruncate);
        ValidationPairs = new ArraySegment<SentencePair>(entry.Pairs, split, validationCount);

        // Stable sort by length: ties keep their shuffled order, as Python's list.sort does.
        int[] lengths = TrainPairs.Select(p => p.Length).ToArray();
        _byLength = Enumerable.Range(0, split).OrderBy(i => lengths[i]).ToArray();
        _trainSelection = Selection(options.TrainTruncate, options.Curriculum is not null);
        TrainSelection = _trainSelection.Select(i => TrainPairs[i]).ToArray();
        CharacterPairs = options.Curriculum is not null && options.AddCharsToCurriculum
            ? SentencePair.CharacterPairs(Vocabulary.CodePoints) : [];
        ChunkSizes = options.Curriculum is { } c
            ? Enumerable.Range(0, c.ChunkCount(_trainSelection.Length)).Select(k => Math.Min(c.ChunkSize, _trainSelection.Length - k * c.ChunkSize)).ToArray()
            : [_trainSelection.Length];

        _trainSequences = new Sequence?[split];
        _characterSequences = CharacterPairs.Select(Encode).ToArray();
        var validation = ValidationPairs.Select(Encode).ToArray();
        var train = Compose(_trainSelection, ChunkSizes.Count, CharacterPairs.Count > 0);
        Dataset = new SequenceDataset(options.Dataset, Vocabulary.Count, Vocabulary.Symbols, train, validation,
            inputSymbols: Vocabulary.Symbols, trainForEpoch: options.Curriculum is null ? null : TrainForEpoch,
            trainEvalForEpoch: TrainEvalForEpoch);

        log?.Invoke($"{options.Dataset}: {Pairs.Count} pairs{(fromCache ? " (cached)" : "")}, vocabulary {Vocabulary.Count}, "
            + $"train {TrainSelection.Count} of {split}"
            + (options.Curriculum is null ? "" : $" in {ChunkSizes.Count} chunks of {options.Curriculum.ChunkSize} + {CharacterPairs.Count} one-character pairs")
            + $", validation {ValidationPairs.Count} of {Pairs.Count - split}, lengths {lengths.Min()}..{lengths.Max()}");
    }

    /// <summary>Loads a sentence task and returns its dataset (see <see cref="Open"/>).</summary>
    public static SequenceDataset Load(string dataDir, SentenceOptions options, Action<string>? log = null) =>
        Open(dataDir, options, log).Dataset;

    /// <summary>
    /// Reads, cleans and pairs the sentence file(s) under <paramref name="dataDir"/> (or takes them from the cache)
    /// and applies split, truncation and curriculum. Throws <see cref="FileNotFoundException"/> naming the missing
    /// file and how to obtain it.
    /// </summary>
    public static SentenceTask Open(string dataDir, SentenceOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string[] paths = SourcePaths(dataDir, options);
        byte[][] files = paths.Select(p => SentenceFile.ReadBytes(dataDir, p)).ToArray();

        string? cachePath = null;
        byte[]? key = null;
        SentenceCache.Entry? entry = null;
        if (options.UseCache)
        {
            cachePath = SentenceCache.PathFor(dataDir, options.Dataset, options.Seed, paths);
            key = SentenceCache.ContentKey(options.Dataset, options.Seed, files);
            entry = SentenceCache.TryRead(cachePath, key, log);
        }
        bool fromCache = entry is not null;
        if (entry is null)
        {
            entry = Process(paths, files, options);
            if (cachePath is not null && key is not null) SentenceCache.TryWrite(cachePath, key, entry, log);
        }
        return new SentenceTask(options, entry, fromCache, log);
    }

    /// <summary>The options the task was made with.</summary>
    public SentenceOptions Options { get; }

    /// <summary>
    /// The dataset: <see cref="SequenceDataset.Train"/> is the whole truncated training set (all chunks and the
    /// one-character pairs, i.e. the last epoch's set); <see cref="SequenceDataset.TrainForEpoch"/> follows the curriculum.
    /// </summary>
    public SequenceDataset Dataset { get; }

    /// <summary>The shared input/target vocabulary.</summary>
    public SentenceVocabulary Vocabulary { get; }

    /// <summary>True when the pairs came from the cache rather than from cleaning the files.</summary>
    public bool LoadedFromCache { get; }

    /// <summary>All pairs, after shuffling.</summary>
    public IReadOnlyList<SentencePair> Pairs { get; }

    /// <summary>The training split (first 95%), shuffled order, before truncation.</summary>
    public IReadOnlyList<SentencePair> TrainPairs { get; }

    /// <summary>The truncated training pairs in training order: by length with a curriculum, else shuffled.</summary>
    public IReadOnlyList<SentencePair> TrainSelection { get; }

    /// <summary>The validation pairs (after truncation).</summary>
    public IReadOnlyList<SentencePair> ValidationPairs { get; }

    /// <summary>The one-character pairs added to chunk 0 (empty unless a curriculum and <see cref="SentenceOptions.AddCharsToCurriculum"/>).</summary>
    public IReadOnlyList<SentencePair> CharacterPairs { get; }

    /// <summary>Sizes of the curriculum chunks of <see cref="TrainSelection"/>, without the one-character pairs; one entry without a curriculum.</summary>
    public IReadOnlyList<int> ChunkSizes { get; }

    /// <summary>The input and target symbol strings of a pair under this task's reading target.</summary>
    public (string Input, string Target) Strings(SentencePair pair) => pair.ToStrings(Options.ReadingTarget);

    /// <summary>
    /// Training sequences of a 0-based epoch: chunks 0..floor(epoch / milestone) (the one-character pairs after
    /// chunk 0); the whole training set without a curriculum. The trainer shuffles them.
    /// </summary>
    public IReadOnlyList<Sequence> TrainForEpoch(int epoch)
    {
        int chunks = Options.Curriculum?.ChunksInUse(epoch, ChunkSizes.Count) ?? ChunkSizes.Count;
        if (_lastTrain is { } last && last.Chunks == chunks) return last.Set;
        var set = Compose(_trainSelection, chunks, CharacterPairs.Count > 0);
        _lastTrain = new Composed(0, chunks, set);
        return set;
    }

    /// <summary>
    /// The train-eval set of a 0-based epoch for <c>train_eval_truncate_size</c> <paramref name="truncate"/> (0 or less = all).
    /// With a curriculum (and not <see cref="SentenceOptions.ForceNonCurriculumTrainEval"/>) it mirrors training: the
    /// <paramref name="truncate"/> shortest training pairs cut into the same chunks, the chunks in use at this epoch,
    /// plus the one-character pairs. Otherwise it is the first <paramref name="truncate"/> pairs of the shuffled
    /// training split. (The original advanced its train-eval curriculum once more at every evaluation, so its mirror
    /// could run a few epochs ahead of training near a milestone; here train-eval follows the training epoch exactly.)
    /// </summary>
    public IReadOnlyList<Sequence> TrainEvalForEpoch(int epoch, int truncate)
    {
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), $"epoch must be 0 or more, got {epoch}");
        var curriculum = Options.ForceNonCurriculumTrainEval ? null : Options.Curriculum;
        int[] selection = Selection(truncate, curriculum is not null);
        int chunks = curriculum?.ChunksInUse(epoch, curriculum.ChunkCount(selection.Length)) ?? 1;
        if (_lastTrainEval is { } last && last.Truncate == truncate && last.Chunks == chunks) return last.Set;
        var set = curriculum is null
            ? selection.Select(TrainSequence).ToArray()
            : Compose(selection, chunks, CharacterPairs.Count > 0);
        _lastTrainEval = new Composed(truncate, chunks, set);
        return set;
    }

    private static string[] SourcePaths(string dataDir, SentenceOptions options)
    {
        string first = SentenceFile.Resolve(dataDir, options.SentencesFile ?? SentenceFile.DefaultEnglish);
        if (!options.IsTranslation) return [first];
        return [first, SentenceFile.Resolve(dataDir, options.SentencesFileTarget ?? SentenceFile.DefaultFrench)];
    }

    private static SentenceCache.Entry Process(string[] paths, byte[][] files, SentenceOptions options)
    {
        var raw = files.Select(f => SentenceFile.ReadLines(f)).ToArray();
        if (raw.Length == 2 && raw[0].Length != raw[1].Length)
            throw new InvalidDataException($"{options.Dataset} needs line-aligned files: {paths[0]} has {raw[0].Length} lines, {paths[1]} has {raw[1].Length}");
        string[][] clean = SentenceCleaner.CleanAll(raw);
        var vocabulary = SentenceVocabulary.FromText(clean);
        var pairs = SentencePair.FromAligned(clean[0], clean[^1], bothDirections: options.IsTranslation).ToArray();
        new Rng(unchecked((ulong)options.Seed)).Shuffle(pairs.AsSpan());
        return new SentenceCache.Entry(vocabulary.CodePoints.ToArray(), pairs);
    }

    private static int Truncated(int count, int truncate) => truncate > 0 ? Math.Min(count, truncate) : count;

    // Indices into TrainPairs: the shortest `truncate` (by length) or the first `truncate` (shuffled order).
    private int[] Selection(int truncate, bool byLength)
    {
        int n = Truncated(_byLength.Length, truncate);
        return byLength ? _byLength[..n] : Enumerable.Range(0, n).ToArray();
    }

    // Chunks 0..chunks-1 of `selection` (everything without a curriculum), the one-character pairs after chunk 0.
    private Sequence[] Compose(int[] selection, int chunks, bool withCharacters)
    {
        int chunk = Options.Curriculum?.ChunkSize ?? selection.Length;
        int take = (int)Math.Min((long)chunks * chunk, selection.Length);
        int first = Math.Min(chunk, take);
        var set = new List<Sequence>(take + _characterSequences.Length);
        for (int i = 0; i < first; i++) set.Add(TrainSequence(selection[i]));
        if (withCharacters) set.AddRange(_characterSequences);
        for (int i = first; i < take; i++) set.Add(TrainSequence(selection[i]));
        return set.ToArray();
    }

    private Sequence TrainSequence(int index) => _trainSequences[index] ??= Encode(TrainPairs[index]);

    private Sequence Encode(SentencePair pair)
    {
        var (input, target) = pair.ToStrings(Options.ReadingTarget);
        return Sequence.OneHot(Vocabulary.Encode(input), Vocabulary.Encode(target));
    }
}
