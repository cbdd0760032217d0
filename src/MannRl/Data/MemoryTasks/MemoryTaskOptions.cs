using MannRl.Config;

namespace MannRl.Data.MemoryTasks;

/// <summary>What memory-task data to generate (config keys <c>dataset</c>, <c>task_*</c>, <c>data_seed</c>).</summary>
/// <param name="Task">copy, repeat-copy or associative-recall.</param>
/// <param name="AlphabetSize">Data symbols K.</param>
/// <param name="Lengths">Training and validation lengths (symbols to copy, or pairs).</param>
/// <param name="EvalLengths">Test lengths.</param>
/// <param name="Repeats">Training and validation repeat counts (repeat-copy).</param>
/// <param name="EvalRepeats">Test repeat counts (repeat-copy).</param>
/// <param name="TrainSize">Training sequences.</param>
/// <param name="EvalSize">Validation sequences, and test sequences.</param>
/// <param name="Seed">Seed of the generation.</param>
public sealed record MemoryTaskOptions(
    string Task, int AlphabetSize, IntRange Lengths, IntRange EvalLengths, IntRange Repeats, IntRange EvalRepeats,
    int TrainSize, int EvalSize, ulong Seed)
{
    /// <summary>The options of a config (already validated).</summary>
    public static MemoryTaskOptions From(ExperimentConfig config) => new(
        config.Dataset, config.TaskAlphabet, config.TaskLengths, config.TaskEvalLengths, config.TaskRepeats, config.TaskEvalRepeats,
        config.TaskTrainSize, config.TaskEvalSize, config.DataSeed ?? config.Seed);
}
