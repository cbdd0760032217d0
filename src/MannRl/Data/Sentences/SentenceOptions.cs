using MannRl.Config;

namespace MannRl.Data.Sentences;

/// <summary>
/// Settings of the sentence tasks, one per config key. Truncation sizes follow the original: a value of 0 or
/// less (the configs write -1) keeps everything.
/// </summary>
public sealed record SentenceOptions
{
    /// <summary>Config <c>dataset</c> of the memorisation task.</summary>
    public const string Memorisation = "wmt2014-en";

    /// <summary>Config <c>dataset</c> of the translation task.</summary>
    public const string Translation = "wmt2014-en-fr";

    /// <summary>The seed of the original's pair shuffle (<c>random.Random(874)</c>); not the run seed 13.</summary>
    public const int DefaultSeed = 874;

    /// <summary><c>dataset</c>: <see cref="Memorisation"/> (s -> s) or <see cref="Translation"/> (en -> fr and fr -> en).</summary>
    public string Dataset { get; init; } = Memorisation;

    /// <summary>
    /// One-sentence-per-line source file, relative to the data dir or absolute; null = the WMT 2014
    /// news-commentary v9 English side (<c>wmt2014-news/news-commentary-v9.fr-en.en</c>).
    /// </summary>
    public string? SentencesFile { get; init; }

    /// <summary>
    /// Translation only: the file line-aligned with <see cref="SentencesFile"/>; null = the French side
    /// (<c>wmt2014-news/news-commentary-v9.fr-en.fr</c>). Must be set when <see cref="SentencesFile"/> is.
    /// </summary>
    public string? SentencesFileTarget { get; init; }

    /// <summary>Target of the reading phase: the original's digits (default) or the paper's empty symbol.</summary>
    public ReadingTarget ReadingTarget { get; init; } = ReadingTarget.Digits;

    /// <summary><c>wmt_train_truncate_size</c>: training pairs kept (the shortest when a curriculum is set); 0 or less = all.</summary>
    public int TrainTruncate { get; init; } = -1;

    /// <summary><c>wmt_validation_truncate_size</c>: the first validation pairs kept (shuffled order); 0 or less = all.</summary>
    public int ValidationTruncate { get; init; } = -1;

    /// <summary><c>wmt_curriculum</c>, or null for no curriculum.</summary>
    public CurriculumSchedule? Curriculum { get; init; }

    /// <summary><c>wmt_add_chars_to_curriculum</c>: add a one-character pair for every non-reserved symbol to chunk 0 (curriculum only).</summary>
    public bool AddCharsToCurriculum { get; init; }

    /// <summary><c>wmt_force_non_curriculum_train_eval</c>: train-eval is the first pairs of the shuffled training split, not the curriculum.</summary>
    public bool ForceNonCurriculumTrainEval { get; init; }

    /// <summary>Seed of the pair shuffle that precedes the 95/5 split.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Read and write the processed pairs under <c>&lt;data-dir&gt;/cache/</c>.</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>True for <see cref="Translation"/>.</summary>
    public bool IsTranslation => Dataset == Translation;

    /// <summary>Throws with the offending value when the options cannot describe a sentence task.</summary>
    public void Validate()
    {
        if (Dataset is not (Memorisation or Translation))
            throw new ArgumentException($"unknown sentence dataset '{Dataset}': use {Memorisation} or {Translation}");
        if (!IsTranslation && SentencesFileTarget is not null)
            throw new ArgumentException($"SentencesFileTarget ('{SentencesFileTarget}') is for {Translation} only; {Memorisation} reads SentencesFile alone");
        if (IsTranslation && (SentencesFile is null) != (SentencesFileTarget is null))
            throw new ArgumentException($"{Translation} needs both SentencesFile and SentencesFileTarget (line-aligned), or neither for the WMT 2014 files; got '{SentencesFile}' and '{SentencesFileTarget}'");
        if (!Enum.IsDefined(ReadingTarget))
            throw new ArgumentException($"unknown reading target {(int)ReadingTarget}");
    }
}
