using MannRl.Config;
using MannRl.Data.Logic;
using MannRl.Engine;
using MannRl.Runs;
using MannRl.Tests.Data.Pos;

namespace MannRl.Tests.Runs;

/// <summary>A whole run into a run directory, read back; and starts that fail leave no directory behind.</summary>
public sealed class TrainingRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mannrl-trainingrun-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // The tiny logic run, or with "dataset": "udpos" and its keys as the extra JSON members.
    private static ExperimentConfig Tiny(string extra = "\"dataset\": \"logic\", \"batch_size\": 8, \"eval_batch_size\": 32",
        string actionModel = "\"action_model\": \"flatdann\"") => ConfigLoader.Parse($$"""
        { {{extra}}, {{actionModel}}, "use_swish": true, "mem_model": "flatmnnNA",
          "memory_dim": 16, "history": 6, "settle": 2, "epochs": 1,
          "action_optimizer": "adam", "action_learning_rate": 0.001, "mem_optimizer": "rmsprop",
          "mem_learning_rate": 0.00001, "mem_num_samples": 3, "mem_gamma": 0.99, "eval_interval": 1 }
        """, "tiny").Config;

    private string LogicData()
    {
        string dataDir = Path.Combine(_root, "data");
        var examples = new LogicGenerator(new Rng(2024)).Generate(360);
        LogicDataFile.Write(Path.Combine(dataDir, "logic", LogicDataFile.FileName), LogicGenerator.Split(examples, 60 / 360.0));
        return dataDir;
    }

    [Fact]
    public void ASavedRunReopensToTheNetsThatWereTrained()
    {
        string dataDir = LogicData(), runDir = Path.Combine(_root, "run");
        var lines = new List<string>();
        var summary = TrainingRun.Execute(Tiny(), dataDir, runDir, Compute.SingleThread, lines.Add);

        Assert.Contains(lines, l => l.Contains("Training done"));
        Assert.False(File.Exists(Path.Combine(runDir, RunFiles.Lock)));
        var saved = SavedRun.Open(runDir, dataDir: null, checkpoint: null); // the data directory from run.json
        Assert.Equal("final", saved.CheckpointName); // latest names the newest weights: the last epoch's
        var again = saved.Evaluate("validation", saved.Config.EvalBatchSize, Compute.SingleThread);
        Assert.Equal(summary.LastValidation!.Metrics.WeightedF1, again.Metrics.WeightedF1);
        Assert.Equal(summary.LastValidation.AnswerAccuracy, again.AnswerAccuracy);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(runDir, RunFiles.Metrics)).Length);
    }

    [Fact]
    public void BadDataLeavesNoRunDirectory()
    {
        string dataDir = Path.Combine(_root, "bad-data"), runDir = Path.Combine(_root, "run");
        Directory.CreateDirectory(Path.Combine(dataDir, "logic"));
        File.WriteAllText(Path.Combine(dataDir, "logic", LogicDataFile.FileName), "{ \"train\": [");
        Assert.ThrowsAny<Exception>(() => TrainingRun.Execute(Tiny(), dataDir, runDir, Compute.SingleThread));
        Assert.False(Directory.Exists(runDir));
    }

    [Fact]
    public void AFailureBuildingTheTrainerLeavesNothingInTheWayOfARerun()
    {
        // Learned embeddings with the parallel action net pass the config checks and fail when the nets are built,
        // after the run directory was created.
        string ud = Directory.CreateDirectory(Path.Combine(_root, "pos", "ud-english-ewt")).FullName;
        string[][] sentences = [["the/DET/DT", "dog/NOUN/NN", "runs/VERB/VBZ"], ["a/DET/DT", "cat/NOUN/NN", "sees/VERB/VBZ", "it/PRON/PRP"]];
        foreach (string split in new[] { "train", "dev", "test" })
            File.WriteAllText(Path.Combine(ud, $"en_ewt-ud-{split}.conllu"), PosTestData.Conllu([.. sentences, .. sentences, .. sentences]));
        string dataDir = Path.Combine(_root, "pos"), runDir = Path.Combine(_root, "run");
        const string Pos = """ "dataset": "udpos", "pos_embeddings": "learned:4", "batch_size": 2, "eval_batch_size": 4 """;

        var failing = Tiny(Pos, """ "action_model": "parallelActionNet", "action_embedding_dim": 4, "action_chunk_dim": 4 """);
        Assert.Throws<ConfigException>(() => TrainingRun.Execute(failing, dataDir, runDir, Compute.SingleThread));
        Assert.False(Directory.Exists(runDir));

        Directory.CreateDirectory(runDir); // an empty folder made beforehand is kept, and empty
        Assert.Throws<ConfigException>(() => TrainingRun.Execute(failing, dataDir, runDir, Compute.SingleThread));
        Assert.Empty(Directory.EnumerateFileSystemEntries(runDir));

        TrainingRun.Execute(Tiny(Pos), dataDir, runDir, Compute.SingleThread);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(runDir, RunFiles.Metrics)).Length);
    }
}
