using MannRl.Config;
using MannRl.Data.Logic;
using MannRl.Data.MemoryTasks;
using MannRl.Engine;

namespace MannRl.Data;

/// <summary>
/// Data files of the generated tasks (logic and the memory tasks), made by <c>mannrl data make</c> and read by
/// <c>mannrl evaluate --data</c>: another draw of a run's task, in <see cref="SymbolDataFile"/>'s format, named
/// <c>&lt;task&gt;.dataset.json</c> (logic: the original's <c>logic.dataset.json</c>).
/// </summary>
public static class TaskDataFile
{
    /// <summary>The tasks whose data can be made and read as files.</summary>
    public static IReadOnlyList<string> Tasks { get; } = [LogicTask.Name, .. MemoryTask.Names];

    /// <summary>Whether <paramref name="task"/> has data files.</summary>
    public static bool Supports(string task) => Tasks.Contains(task);

    /// <summary>The file name of a task's data: <c>logic.dataset.json</c>, <c>copy.dataset.json</c>, ...</summary>
    public static string FileName(string task) => task == LogicTask.Name ? LogicDataFile.FileName : $"{task}.dataset.json";

    /// <summary>A data file path: <paramref name="path"/> itself, or the task's file inside it when it is a folder.</summary>
    public static string Resolve(string path, string task) => Directory.Exists(path) ? Path.Combine(path, FileName(task)) : path;

    /// <summary>
    /// A logic data set in the original's format: <paramref name="count"/> sequences of <paramref name="operands"/>
    /// operands drawn with <paramref name="seed"/> (the generator of <c>logic_operands</c>), the last
    /// <paramref name="validationRatio"/> for validation.
    /// </summary>
    public static SymbolDataSet MakeLogic(IntRange operands, int count, ulong seed, double validationRatio = LogicGenerator.DefaultValidationRatio)
    {
        var generator = new LogicGenerator(new Rng(seed).Fork("logic-data"), operands.Min, operands.Max);
        var splits = LogicGenerator.Split(generator.Generate(count), validationRatio);
        static SymbolExample[] Symbols(IReadOnlyList<LogicExample> split) => split.Select(e => new SymbolExample(e.Inputs, e.Targets)).ToArray();
        return new SymbolDataSet(null, LogicAlphabet.Alphabet, Symbols(splits.Train), Symbols(splits.Validation));
    }

    /// <summary>
    /// A memory task's data set: <paramref name="count"/> sequences drawn with <paramref name="seed"/>, lengths (and
    /// repeat counts) uniform over the ranges, the last <paramref name="validationRatio"/> for validation.
    /// </summary>
    public static SymbolDataSet MakeMemoryTask(string task, int alphabetSize, IntRange lengths, IntRange repeats, int count, ulong seed,
        double validationRatio = LogicGenerator.DefaultValidationRatio)
    {
        var examples = MemoryTask.Draw(task, new Rng(seed).Fork($"{task}-data"), alphabetSize, lengths, repeats, count);
        int stop = (int)(count * (1.0 - validationRatio));
        if (stop <= 0 || stop >= count)
            throw new ArgumentException($"a validation ratio of {validationRatio} leaves an empty split of {count} sequences");
        return new SymbolDataSet(task, MemoryTask.Alphabet(task, alphabetSize), examples[..stop], examples[stop..]);
    }

    /// <summary>
    /// Reads a data file (or the task's file in a folder) for a run of <paramref name="config"/>: it must hold the
    /// run's task over the run's alphabet, else an <see cref="InvalidDataException"/> names the difference and how to
    /// make a compatible file. The result's train and validation splits are the file's; it has no test split.
    /// </summary>
    public static SequenceDataset Load(ExperimentConfig config, string path)
    {
        string task = config.Dataset;
        if (!Supports(task))
            throw new ArgumentException($"data files exist for {string.Join(", ", Tasks)}, not for {task}");
        string file = Resolve(path, task);
        if (!File.Exists(file))
            throw new InvalidDataException($"{file}: no such file; make one with 'mannrl data make {task} ... --out DIR' and pass the file or DIR");
        if (task == LogicTask.Name)
        {
            var logic = SymbolDataFile.Read(file, null, LogicAlphabet.Alphabet,
                "the run is a logic run: pass a logic data set, e.g. made by 'mannrl data make logic --operands 21..40 --count 2000 --seed 7 --out DIR'");
            return LogicTask.ToDataset(new LogicSplits(
                logic.Train.Select(e => new LogicExample(e.Inputs, e.Targets)).ToArray(),
                logic.Validation.Select(e => new LogicExample(e.Inputs, e.Targets)).ToArray()));
        }
        var data = SymbolDataFile.Read(file, task, MemoryTask.Alphabet(task, config.TaskAlphabet),
            $"the run is a {task} run over {config.TaskAlphabet} symbols: make its data with 'mannrl data make {task} --alphabet {config.TaskAlphabet} ...'");
        return MemoryTask.ToDataset(task, config.TaskAlphabet, new MemoryTaskSplits(data.Train, data.Validation, []));
    }
}
