using MannRl.Config;
using MannRl.Data.Logic;
using MannRl.Data.Pos;
using MannRl.Data.Sentences;

namespace MannRl.Data;

/// <summary>Loads the data set named by a config's <c>dataset</c> key from a data directory.</summary>
public static class TaskLoader
{
    /// <summary>The data of <paramref name="config"/>, read from (or, for logic, generated into) <paramref name="dataDir"/>.</summary>
    public static SequenceDataset Load(ExperimentConfig config, string dataDir, Action<string>? log) => config.Dataset switch
    {
        "logic" => LogicTask.Load(dataDir, config.Seed, log),
        "udpos" => PosTask.Load(dataDir, new PosOptions
        {
            Tagset = PosOptions.ParseTagset(config.PosTagset),
            Embeddings = config.PosEmbeddings,
            Seed = config.Seed,
            TrainTruncate = config.TrainTruncateSize,
        }, log),
        SentenceOptions.Memorisation or SentenceOptions.Translation => SentenceTask.Load(dataDir, new SentenceOptions
        {
            Dataset = config.Dataset,
            SentencesFile = config.SentencesFile,
            SentencesFileTarget = config.SentencesFileTarget,
            ReadingTarget = SentenceOptions.ParseReadingTarget(config.ReadingTarget),
            TrainTruncate = config.WmtTrainTruncateSize,
            ValidationTruncate = config.WmtValidationTruncateSize,
            Curriculum = config.WmtCurriculum is { } cur ? new CurriculumSchedule(cur.Milestone, cur.Chunk) : null,
            AddCharsToCurriculum = config.WmtAddCharsToCurriculum && config.WmtCurriculum is not null,
            ForceNonCurriculumTrainEval = config.WmtForceNonCurriculumTrainEval,
        }, log),
        _ => throw new ConfigException("config", "dataset", null,
            $"unknown dataset '{config.Dataset}': use logic, udpos, wmt2014-en or wmt2014-en-fr"),
    };
}
