namespace MannRl.Config;

public sealed partial record ExperimentConfig
{
    /// <summary><c>dataset</c>, parsed.</summary>
    public DatasetKind DatasetKind => Choice<DatasetKind>("dataset", Dataset);

    /// <summary><c>reading_target</c>, parsed.</summary>
    public ReadingTarget ReadingTargetKind => Choice<ReadingTarget>("reading_target", ReadingTarget);

    /// <summary><c>pos_tagset</c>, parsed.</summary>
    public PosTagset PosTagsetKind => Choice<PosTagset>("pos_tagset", PosTagset);

    /// <summary><c>pos_embeddings</c>, parsed; null when the key is absent (GloVe from the data directory).</summary>
    public PosEmbeddings? PosEmbeddingsSpec => PosEmbeddings is null ? null
        : Config.PosEmbeddings.TryParse(PosEmbeddings, out PosEmbeddings? parsed, out _) ? parsed
        : throw Error("pos_embeddings", $"'{PosEmbeddings}' is not one of the forms glove:PATH, random:DIM or learned:DIM (DIM a positive integer); "
            + "e.g. glove:glove/glove.6B.300d.txt, or remove the key for the default GloVe vectors");

    /// <summary><c>debug_level</c>, parsed.</summary>
    public LogLevel DebugLevelKind => Choice<LogLevel>("debug_level", DebugLevel);

    /// <summary><c>action_model</c>, parsed.</summary>
    public ActionModelKind ActionModelKind => ActionModel == "flat2dann"
        ? throw Error("action_model", "flat2dann is named by the original's trainer but was never implemented there; "
            + $"use one of {string.Join(", ", ConfigNames<ActionModelKind>.All)}")
        : Choice<ActionModelKind>("action_model", ActionModel);

    /// <summary><c>loss_function</c>, parsed.</summary>
    public LossFunctionKind LossFunctionKind => Choice<LossFunctionKind>("loss_function", LossFunction);

    /// <summary><c>action_loss_on</c>, parsed.</summary>
    public LossInput ActionLossOnKind => Choice<LossInput>("action_loss_on", ActionLossOn);

    /// <summary><c>action_optimizer</c>, parsed.</summary>
    public OptimizerKind ActionOptimizerKind => Choice<OptimizerKind>("action_optimizer", ActionOptimizer);

    /// <summary><c>mem_model</c>, parsed.</summary>
    public MemoryModelKind MemModelKind => Choice<MemoryModelKind>("mem_model", MemModel);

    /// <summary><c>mem_optimizer</c>, parsed.</summary>
    public OptimizerKind MemOptimizerKind => Choice<OptimizerKind>("mem_optimizer", MemOptimizer);

    /// <summary><c>mem_target</c>, parsed.</summary>
    public TdTarget MemTargetKind => Choice<TdTarget>("mem_target", MemTarget);

    /// <summary><c>mem_reward_baseline</c>, parsed.</summary>
    public RewardBaseline MemRewardBaselineKind => Choice<RewardBaseline>("mem_reward_baseline", MemRewardBaseline);

    /// <summary>The value of the name <paramref name="value"/> of <paramref name="key"/>; throws naming the allowed names.</summary>
    private T Choice<T>(string key, string value)
        where T : struct, Enum
    {
        if (ConfigNames<T>.TryParse(value, out T parsed)) return parsed;
        IReadOnlyList<string> allowed = ConfigNames<T>.All;
        string? near = allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase));
        string hint = near is not null ? $" (names are case-sensitive: '{near}')"
            : $" (closest: '{Closest(value, allowed)}')";
        throw Error(key, $"unknown value '{value}'{hint}; use one of {string.Join(", ", allowed)}");
    }

    /// <summary>The allowed name that starts with <paramref name="value"/> (3 letters or more), else the nearest by edit distance.</summary>
    private static string Closest(string value, IReadOnlyList<string> allowed)
    {
        string v = value.ToLowerInvariant();
        return allowed.FirstOrDefault(a => v.Length >= 3 && a.StartsWith(v, StringComparison.OrdinalIgnoreCase))
            ?? allowed.MinBy(a => ConfigKeys.EditDistance(v, a.ToLowerInvariant()))!;
    }
}
