namespace MannRl.Config;

/// <summary>
/// Upper bounds of the config's sizes, far above any run that fits in memory, so that a typo (an extra zero, a value
/// pasted into the wrong key) is refused with the key's name before any arithmetic on it can overflow. Whether a
/// config within the bounds fits the machine is <see cref="MemoryEstimate"/>'s question.
/// </summary>
public static class ConfigLimits
{
    /// <summary>Largest <c>history</c>, <c>batch_size</c>, <c>eval_batch_size</c> and <c>mem_num_samples</c>.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Largest width: <c>memory_dim</c>, embedding, chunk, intermediate and LSTM widths.</summary>
    public const int MaxWidth = 1 << 20;

    /// <summary>Largest number of layers (<c>mem_num_intermediate_layers</c>, <c>lstm_layers</c>) and sub-nets.</summary>
    public const int MaxLayers = 1_000;

    /// <summary>Largest <c>epochs</c>, <c>mem_train_iterations</c> and <c>settle</c>.</summary>
    public const int MaxIterations = 100_000_000;

    /// <summary>Largest number of generated sequences (<c>logic_count</c>, <c>task_train_size</c>, <c>task_eval_size</c>).</summary>
    public const int MaxSequences = 100_000_000;

    /// <summary>Largest generated sequence length or operand count (<c>task_lengths</c>, <c>logic_operands</c>).</summary>
    public const int MaxSequenceLength = 1_000_000;
}
