using MannRl.Config;
using MannRl.Data.AssociativeRecall;
using MannRl.Data.Copy;
using MannRl.Data.RepeatCopy;
using MannRl.Engine;

namespace MannRl.Data.MemoryTasks;

/// <summary>
/// The memory tasks from the MANN literature (<c>copy</c>, <c>repeat-copy</c>, <c>associative-recall</c>), generated
/// from a seed: a training and a validation split drawn from the training lengths, and a test split drawn from the
/// evaluation lengths (length generalisation). Inputs and targets share the task's alphabet; the metrics count the
/// recall phase only (<see cref="Scoring.RecallPhase"/>: the steps whose target is not the blank), and a sequence's
/// answer is right when every recall step is (exact match).
/// </summary>
public static class MemoryTask
{
    /// <summary>The copy task's dataset name.</summary>
    public const string Copy = "copy";

    /// <summary>The repeat-copy task's dataset name.</summary>
    public const string RepeatCopy = "repeat-copy";

    /// <summary>The associative-recall task's dataset name.</summary>
    public const string AssociativeRecall = "associative-recall";

    /// <summary>The dataset names of the memory tasks.</summary>
    public static IReadOnlyList<string> Names { get; } = [Copy, RepeatCopy, AssociativeRecall];

    /// <summary>Whether <paramref name="dataset"/> names a memory task.</summary>
    public static bool IsMemoryTask(string dataset) => Names.Contains(dataset);

    /// <summary>The alphabet of a task with <paramref name="alphabetSize"/> data symbols.</summary>
    public static SymbolAlphabet Alphabet(string task, int alphabetSize) => task switch
    {
        Copy => CopyGenerator.Alphabet(alphabetSize),
        RepeatCopy => RepeatCopyGenerator.Alphabet(alphabetSize),
        AssociativeRecall => AssociativeRecallGenerator.Alphabet(alphabetSize),
        _ => throw Unknown(task),
    };

    /// <summary>How a task measures a sequence's length (symbols to copy, or pairs).</summary>
    public static SequenceLength Length(string task, int alphabetSize) => task switch
    {
        Copy => CopyGenerator.Length(alphabetSize),
        RepeatCopy => RepeatCopyGenerator.Length(alphabetSize),
        AssociativeRecall => AssociativeRecallGenerator.Length(alphabetSize),
        _ => throw Unknown(task),
    };

    /// <summary>
    /// <paramref name="count"/> sequences of <paramref name="task"/> drawn from <paramref name="rng"/>, lengths (and
    /// repeat counts) uniform over the ranges.
    /// </summary>
    public static SymbolExample[] Draw(string task, Rng rng, int alphabetSize, IntRange lengths, IntRange repeats, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var examples = new SymbolExample[count];
        switch (task)
        {
            case Copy:
                var copy = new CopyGenerator(rng, alphabetSize);
                for (int i = 0; i < count; i++) examples[i] = copy.Next(lengths);
                break;
            case RepeatCopy:
                var repeat = new RepeatCopyGenerator(rng, alphabetSize);
                for (int i = 0; i < count; i++) examples[i] = repeat.Next(lengths, repeats);
                break;
            case AssociativeRecall:
                var recall = new AssociativeRecallGenerator(rng, alphabetSize);
                for (int i = 0; i < count; i++) examples[i] = recall.Next(lengths);
                break;
            default:
                throw Unknown(task);
        }
        return examples;
    }

    /// <summary>The three splits of <paramref name="options"/>, each from its own stream of the seed.</summary>
    public static MemoryTaskSplits Generate(MemoryTaskOptions options)
    {
        var rng = new Rng(options.Seed);
        var o = options;
        return new MemoryTaskSplits(
            Draw(o.Task, rng.Fork($"{o.Task}-train"), o.AlphabetSize, o.Lengths, o.Repeats, o.TrainSize),
            Draw(o.Task, rng.Fork($"{o.Task}-validation"), o.AlphabetSize, o.Lengths, o.Repeats, o.EvalSize),
            Draw(o.Task, rng.Fork($"{o.Task}-test"), o.AlphabetSize, o.EvalLengths, o.EvalRepeats, o.EvalSize));
    }

    /// <summary>Generates the data of <paramref name="options"/> (nothing is read or written).</summary>
    public static SequenceDataset Load(MemoryTaskOptions options, Action<string>? log = null)
    {
        var o = options;
        string repeats = o.Task == RepeatCopy ? $", repeats {o.Repeats.ToCommandLine()} (test {o.EvalRepeats.ToCommandLine()})" : "";
        log?.Invoke($"{o.Task}: generated {o.TrainSize} train, {o.EvalSize} validation and {o.EvalSize} test sequences with seed {o.Seed}: "
            + $"{o.AlphabetSize} symbols, lengths {o.Lengths.ToCommandLine()} (test {o.EvalLengths.ToCommandLine()}){repeats}");
        return ToDataset(o.Task, o.AlphabetSize, Generate(o));
    }

    /// <summary>The dataset the trainer reads: one-hot inputs and targets over the task's alphabet, scored on the recall phase.</summary>
    public static SequenceDataset ToDataset(string task, int alphabetSize, MemoryTaskSplits splits)
    {
        var alphabet = Alphabet(task, alphabetSize);
        Sequence[] ToSequences(IReadOnlyList<SymbolExample> split) => split.Select(e => e.ToSequence(alphabet)).ToArray();
        return new SequenceDataset(task, alphabet.Count, alphabet.Symbols,
            ToSequences(splits.Train), ToSequences(splits.Validation), ToSequences(splits.Test), alphabet.Symbols)
        {
            Scoring = Scoring.RecallPhase(alphabet.IdOf(MemoryTaskSymbols.Blank)),
            Length = Length(task, alphabetSize),
        };
    }

    private static ArgumentException Unknown(string task) =>
        new($"unknown memory task '{task}': use {string.Join(", ", Names)}", nameof(task));
}
