using MannRl.Config;
using MannRl.Data.Logic;
using MannRl.Data.MemoryTasks;
using MannRl.Data.Pos;
using MannRl.Data.Sentences;
using MannRl.Data.Symbols;

namespace MannRl.Data;

/// <summary>Loads the data set named by a config's <c>dataset</c> key from a data directory (or generates it).</summary>
public static class TaskLoader
{
    /// <summary>
    /// The data of <paramref name="config"/>, read from (or, for logic, generated into) <paramref name="dataDir"/>;
    /// with <paramref name="writeCaches"/> false nothing is written there (no generated logic file, no sentence cache).
    /// </summary>
    public static SequenceDataset Load(ExperimentConfig config, string dataDir, Action<string>? log, bool writeCaches = true) => config.DatasetKind switch
    {
        DatasetKind.Logic => LogicTask.Load(dataDir, new LogicOptions(config.LogicOperands, config.LogicCount, config.DataSeed ?? config.Seed), log, writeCaches),
        DatasetKind.Copy or DatasetKind.RepeatCopy or DatasetKind.AssociativeRecall => MemoryTask.Load(MemoryTaskOptions.From(config), log),
        DatasetKind.Symbols => SymbolsTask.Load(dataDir, config.DataFile!, log),
        DatasetKind.Udpos => PosTask.Load(dataDir, new PosOptions
        {
            Tagset = config.PosTagsetKind,
            Embeddings = config.PosEmbeddingsSpec,
            Seed = config.Seed,
            TrainTruncate = config.TrainTruncateSize,
        }, log),
        DatasetKind.Wmt2014En or DatasetKind.Wmt2014EnFr => SentenceTask.Load(dataDir, new SentenceOptions
        {
            Dataset = config.Dataset,
            SentencesFile = config.SentencesFile,
            SentencesFileTarget = config.SentencesFileTarget,
            ReadingTarget = config.ReadingTargetKind,
            TrainTruncate = config.WmtTrainTruncateSize,
            ValidationTruncate = config.WmtValidationTruncateSize,
            Curriculum = config.WmtCurriculum is { } cur ? new CurriculumSchedule(cur.Milestone, cur.Chunk) : null,
            AddCharsToCurriculum = config.WmtAddCharsToCurriculum && config.WmtCurriculum is not null,
            ForceNonCurriculumTrainEval = config.WmtForceNonCurriculumTrainEval,
            UseCache = writeCaches,
        }, log),
        _ => throw new InvalidOperationException($"no loader for dataset '{config.Dataset}'"),
    };
}
