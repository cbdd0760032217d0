using MannRl.Data;

namespace MannRl.Runs;

/// <summary>What evaluate and predict score: a split of the run's own data, or the sequences of another data file.</summary>
/// <param name="Name">The split's name, or <c>all</c> for every sequence of a data file.</param>
/// <param name="DataFile">The data file's full path, or null for the run's own data.</param>
/// <param name="Data">The data set the sequences come from (its scoring and length measure apply).</param>
/// <param name="Sequences">The sequences to score.</param>
public sealed record EvaluationData(string Name, string? DataFile, SequenceDataset Data, IReadOnlyList<Sequence> Sequences)
{
    /// <summary>
    /// The run's split <paramref name="split"/> (train, validation or test; null: validation), or with
    /// <paramref name="dataPath"/> that split of the data file (train or validation; null: every sequence of it). The
    /// file must hold the run's task over the run's alphabet (<see cref="TaskDataFile.Load"/>).
    /// </summary>
    /// <exception cref="RunDirectoryException">The run's task has no data files, or its data has no sequences in the split.</exception>
    /// <exception cref="InvalidDataException">The file is missing, malformed, or holds another task or alphabet.</exception>
    public static EvaluationData Select(SavedRun run, string? dataPath, string? split)
    {
        if (dataPath is null)
        {
            string s = split ?? "validation";
            var own = run.Data.Split(s);
            if (own.Count == 0)
                throw new RunDirectoryException($"the run's {run.Data.Name} data has no {s} sequences"
                    + (s == "test" ? " (this task has no test split)" : "") + "; pass --split with a split that has data (train or validation)");
            return new EvaluationData(s, null, run.Data, own);
        }
        if (!TaskDataFile.Supports(run.Config.Dataset))
            throw new RunDirectoryException($"--data reads data files of {string.Join(", ", TaskDataFile.Tasks)}; this run is {run.Config.Dataset}: "
                + "evaluate its own splits with --split, or another data directory with --data-dir");
        if (split == "test")
            throw new RunDirectoryException("a data file has train and validation splits only; pass --split train or validation, or no --split for all");
        string file = Path.GetFullPath(TaskDataFile.Resolve(dataPath, run.Config.Dataset));
        var data = TaskDataFile.Load(run.Config, file);
        IReadOnlyList<Sequence> sequences = split is null ? [.. data.Train, .. data.Validation] : data.Split(split);
        if (sequences.Count == 0)
            throw new InvalidDataException($"'{file}' has no {split ?? "sequences"}{(split is null ? "" : " sequences")}; pass another --split or a data file with sequences");
        return new EvaluationData(split ?? "all", file, data, sequences);
    }

    /// <summary>What the <c>answer_accuracy</c> column means for the task: exact match (memory tasks) or answer accuracy.</summary>
    public string AnswerName => Data.Scoring.RecallOnly ? "exact match" : "answer accuracy";
}
