using System.Reflection;

namespace MannRl.Config;

/// <summary>
/// The YAML keys: the known ones in the order the writer prints them, the old names that are aliases, the keys the
/// original's files carry but its code never read (accepted with a warning), and the reserved ones (errors).
/// </summary>
public static class ConfigKeys
{
    /// <summary>Every key of <see cref="ExperimentConfig"/>, grouped as in the original's config files.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "model", "lstm_hidden_dim", "lstm_layers", "lstm_bptt_truncate",
        "dataset", "input_dim", "target_dim",
        "train_truncate_size", "train_eval_truncate_size",
        "wmt_train_truncate_size", "wmt_validation_truncate_size", "wmt_curriculum",
        "wmt_add_chars_to_curriculum", "wmt_force_non_curriculum_train_eval",
        "sentences_file", "sentences_file_target", "reading_target", "pos_tagset", "pos_embeddings",
        "data_file", "data_seed", "logic_operands", "logic_count",
        "task_alphabet", "task_lengths", "task_eval_lengths", "task_repeats", "task_eval_repeats", "task_train_size", "task_eval_size",
        "seed", "epochs", "batch_size", "eval_batch_size", "eval_interval", "save_point", "keep_checkpoints", "debug_level",
        "action_model", "use_swish", "action_embedding_dim", "action_chunk_dim", "action_fn_is_tanh",
        "action_emb_fn_is_tanh", "loss_function", "action_loss_on", "action_optimizer", "action_learning_rate",
        "action_lr_rate_decay", "action_clipping", "action_answer_weight",
        "mem_model", "memory_dim", "mem_embedding_dim", "mem_emb_fn_is_tanh", "mem_fn_is_tanh",
        "mem_num_intermediate_layers", "mem_intermediate_dim", "mem_num_mem_net", "mem_funnel_to_zero_chunk",
        "history", "settle", "mem_train_iterations", "mem_num_samples", "mem_optimizer", "mem_learning_rate",
        "mem_lr_rate_decay", "mem_clipping", "mem_gamma", "mem_dampen_losses", "mem_clamp", "mem_l1",
        "mem_train_with_targets", "mem_target", "mem_reset_probability", "mem_n_step", "mem_answer_reward_weight", "mem_reward_baseline", "mem_output_gain", "mem_leak",
    ];

    /// <summary>Old key names the original renamed (its best sentence config still uses them): old -> new.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>
    {
        ["gamma"] = "mem_gamma",
        ["dampen_losses"] = "mem_dampen_losses",
    };

    /// <summary>Keys found in the original's config files that its code never read, with what they were.</summary>
    public static IReadOnlyDictionary<string, string> Ignored { get; } = new Dictionary<string, string>
    {
        ["note"] = "a free-text note",
        ["alternate"] = "a setting of an early trainer that no longer exists",
        ["time_dim"] = "a setting of an early trainer that no longer exists",
        ["reinforcement_rate"] = "a setting of an early trainer that no longer exists",
        ["rr_decay"] = "a setting of an early trainer that no longer exists",
    };

    /// <summary>Keys the original's trainer set itself and refused in a file.</summary>
    public static IReadOnlyDictionary<string, string> Reserved { get; } = new Dictionary<string, string>
    {
        ["exp_dir"] = "the run directory is chosen on the command line",
        ["device"] = "the compute device is chosen by the program, not the config",
    };

    private static readonly Dictionary<string, PropertyInfo> Properties = Known.ToDictionary(
        key => key,
        key => typeof(ExperimentConfig).GetProperty(PropertyName(key))
            ?? throw new InvalidOperationException($"ExperimentConfig has no property {PropertyName(key)} for key '{key}'"));

    /// <summary>The property name of a key: <c>mem_l1</c> -> <c>MemL1</c>.</summary>
    public static string PropertyName(string key) =>
        string.Concat(key.Split('_').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>True when <paramref name="key"/> is a known (current) key.</summary>
    public static bool IsKnown(string key) => Properties.ContainsKey(key);

    /// <summary>The known key nearest to <paramref name="key"/> by edit distance (ties: the first in order).</summary>
    public static string Closest(string key)
    {
        string best = Known[0];
        int bestDistance = int.MaxValue;
        foreach (string candidate in Known.Concat(Aliases.Keys))
        {
            int d = EditDistance(key.ToLowerInvariant(), candidate);
            if (d < bestDistance) { best = Aliases.TryGetValue(candidate, out string? renamed) ? renamed : candidate; bestDistance = d; }
        }
        return best;
    }

    internal static PropertyInfo Property(string key) => Properties[key];

    /// <summary>Levenshtein distance (insert, delete, substitute each cost 1).</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
