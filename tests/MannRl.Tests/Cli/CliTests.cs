using System.Text.Json;

namespace MannRl.Tests.Cli;

/// <summary>The CLI end to end: one short logic run shared by the tests, then evaluate, predict and the error paths.</summary>
public sealed class CliTests : IClassFixture<CliTests.TrainedRun>
{
    private readonly TrainedRun _run;

    public CliTests(TrainedRun run) => _run = run;

    /// <summary>A 2-epoch logic run on data generated into a fresh data directory.</summary>
    public sealed class TrainedRun : IDisposable
    {
        public TrainedRun()
        {
            Root = Directory.CreateTempSubdirectory("mannrl-cli-").FullName;
            DataDir = Path.Combine(Root, "data");
            RunDir = Path.Combine(Root, "run");
            File.WriteAllText(Path.Combine(Root, "tiny.yaml"), """
                { "dataset": "logic", "action_model": "flatdann", "use_swish": true, "mem_model": "flatmnnNA",
                  "memory_dim": 16, "history": 6, "settle": 2, "epochs": 2, "batch_size": 16, "eval_batch_size": 64,
                  "loss_function": "cross_entropy", "action_optimizer": "adam", "action_learning_rate": 0.001,
                  "action_clipping": 1, "mem_optimizer": "rmsprop", "mem_learning_rate": 0.00001, "mem_clipping": 1,
                  "mem_train_iterations": 1, "mem_num_samples": 4, "mem_gamma": 0.99, "mem_dampen_losses": 3,
                  "eval_interval": 1, "train_eval_truncate_size": 500 }
                """);
            Train = CliRunner.Run(Root, "train", "tiny.yaml", RunDir, "--data-dir", DataDir, "--threads", "1");
        }

        public string Root { get; }
        public string DataDir { get; }
        public string RunDir { get; }
        public CliRunner.Result Train { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    [Fact]
    public void TrainWritesTheRunDirectory()
    {
        Assert.True(_run.Train.ExitCode == 0, _run.Train.Err + _run.Train.Out);
        Assert.True(File.Exists(Path.Combine(_run.DataDir, "logic", "logic.dataset.json")), "logic data generated once into the data dir");
        var csv = File.ReadAllLines(Path.Combine(_run.RunDir, "metrics.csv"));
        Assert.Equal("epoch,split,micro_precision,micro_recall,micro_f1,weighted_precision,weighted_recall,weighted_f1,answer_accuracy,action_loss,memory_loss,elapsed_seconds", csv[0]);
        Assert.Equal(5, csv.Length); // 2 epochs x (train, validation)
        Assert.StartsWith("1,train,", csv[1]);
        var log = File.ReadAllText(Path.Combine(_run.RunDir, "experiment.log"));
        Assert.Contains("Model 'action' has", log);
        Assert.Contains("eval on validation: micro p", log);
        Assert.Contains("memory_dim: 16", File.ReadAllText(Path.Combine(_run.RunDir, "config.yaml")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_run.RunDir, "checkpoints"), "*.action.safetensors"));
    }

    [Fact]
    public void EvaluatePrintsJsonMetricsOfTheLastCheckpoint()
    {
        var r = CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--json", "--split", "validation");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        double wf1 = doc.RootElement.GetProperty("weighted_f1").GetDouble();
        Assert.InRange(wf1, 0.5, 1.0);
        Assert.Equal(500, doc.RootElement.GetProperty("sequences").GetInt32());
        Assert.InRange(doc.RootElement.GetProperty("answer_accuracy").GetDouble(), 0.0, 1.0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void PredictWritesEveryPositionAtAnyBatchSize(int batch)
    {
        // The original's script took the argmax over the whole batch and only worked at batch size 1.
        string prefix = Path.Combine(_run.Root, $"p{batch}");
        var r = CliRunner.Run(_run.Root, "predict", _run.RunDir, "--out", prefix, "--batch-size", batch.ToString());
        Assert.True(r.ExitCode == 0, r.Err);
        var lines = File.ReadAllLines(prefix + ".alignment.tsv");
        Assert.Equal("sequence\tposition\tinput\ttarget\tprediction\tcorrect", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToArray();
        var logic = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(_run.DataDir, "logic", "logic.dataset.json")))!;
        int symbols = logic["validation"]!.AsArray().Sum(s => s![0]!.AsArray().Count);
        Assert.Equal(symbols, rows.Length);
        Assert.All(rows, f => Assert.Equal(f[3] == f[4] ? "1" : "0", f[5]));
        using var metrics = JsonDocument.Parse(File.ReadAllText(prefix + ".metrics.json"));
        double accuracy = rows.Count(f => f[5] == "1") / (double)rows.Length;
        Assert.Equal(accuracy, metrics.RootElement.GetProperty("micro_f1").GetDouble(), 9);
        Assert.True(File.ReadAllLines(prefix + ".confusion.csv").Length >= 2);
        if (batch == 64)
        {
            // the config's eval_batch_size: the same numbers as evaluate
            var e = CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--json");
            using var ej = JsonDocument.Parse(e.Out);
            Assert.Equal(ej.RootElement.GetProperty("weighted_f1").GetDouble(), metrics.RootElement.GetProperty("weighted_f1").GetDouble());
        }
    }

    [Fact]
    public void EvaluateReadsALongerLogicDrawMadeByDataMakeByLength()
    {
        string dir = Path.Combine(_run.Root, "long-draw");
        var make = CliRunner.Run(_run.Root, "data", "make", "logic", "--operands", "21..40", "--count", "200", "--seed", "7", "--out", dir);
        Assert.True(make.ExitCode == 0, make.Err);
        Assert.Contains("190 train and 10 validation logic sequences (operands 21..40, seed 7)", make.Out);
        var r = CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--data", dir, "--by-length", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("all", root.GetProperty("split").GetString());
        Assert.Equal(200, root.GetProperty("sequences").GetInt32());
        Assert.EndsWith("logic.dataset.json", root.GetProperty("data").GetString());
        var bins = root.GetProperty("by_length").EnumerateArray().ToArray();
        // xor keeps its 2 operands; and/or have 21..40, in bins of 5
        Assert.Equal([1, 21, 26, 31, 36], bins.Select(b => b.GetProperty("min").GetInt32()));
        Assert.All(bins, b => Assert.Equal("operands", b.GetProperty("unit").GetString()));
        Assert.Equal(200, bins.Sum(b => b.GetProperty("sequences").GetInt32()));
        double answers = bins.Sum(b => b.GetProperty("answer_accuracy").GetDouble() * b.GetProperty("sequences").GetInt32()) / 200;
        Assert.Equal(root.GetProperty("answer_accuracy").GetDouble(), answers, 9);

        var again = CliRunner.Run(_run.Root, "data", "make", "logic", "--out", dir);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists", again.Err);
    }

    [Fact]
    public void AnExistingRunDirectoryIsRefusedAndKept()
    {
        var before = File.ReadAllText(Path.Combine(_run.RunDir, "metrics.csv"));
        var r = CliRunner.Run(_run.Root, "train", "tiny.yaml", _run.RunDir, "--data-dir", _run.DataDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not empty", r.Err);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_run.RunDir, "metrics.csv")));
    }

    [Fact]
    public void OfTwoTrainsIntoOneRunDirectoryAtOnceTheSecondFailsWithTwo()
    {
        for (int round = 0; round < 3; round++)
        {
            string runDir = Path.Combine(_run.Root, $"race-{round}");
            var both = Enumerable.Range(0, 2).Select(i => Task.Run(() => CliRunner.Run(_run.Root, "train", "tiny.yaml", runDir,
                "--data-dir", _run.DataDir, "--epochs", "1", "--seed", (20 + i).ToString(), "--threads", "1"))).ToArray();
            var results = both.Select(t => t.Result).OrderBy(r => r.ExitCode).ToArray();
            Assert.True(results[0].ExitCode == 0, results[0].Err);
            Assert.Equal(2, results[1].ExitCode);
            Assert.Matches("in use by another mannrl run|exists and is not empty", results[1].Err);
            Assert.Single(results[1].Err.Trim().Split('\n'));
            Assert.Equal(3, File.ReadAllLines(Path.Combine(runDir, "metrics.csv")).Length); // one run's rows, not two
        }
    }

    [Fact]
    public void AnUnknownConfigKeyNamesTheClosestKnownKey()
    {
        File.WriteAllText(Path.Combine(_run.Root, "typo.yaml"), "dataset: logic\nmemory_dims: 48\n");
        var r = CliRunner.Run(_run.Root, "train", "typo.yaml", Path.Combine(_run.Root, "typo-run"), "--data-dir", _run.DataDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("memory_dim", r.Err);
        Assert.False(Directory.Exists(Path.Combine(_run.Root, "typo-run")));
    }

    [Fact]
    public void UsageErrorsExitWithTwo()
    {
        Assert.Equal(2, CliRunner.Run(_run.Root, "train", "--epochs", "many").ExitCode);
        Assert.Equal(2, CliRunner.Run(_run.Root, "evaluate", Path.Combine(_run.Root, "missing")).ExitCode);
        Assert.Equal(2, CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--checkpoint", "x99").ExitCode);
    }

    [Fact]
    public void ACorruptCheckpointIsARuntimeErrorWithOneLine()
    {
        var copy = Path.Combine(_run.Root, "corrupt-run");
        CopyDirectory(_run.RunDir, copy);
        var ckpt = Directory.GetFiles(Path.Combine(copy, "checkpoints"), "*.memory.safetensors")[0];
        File.WriteAllBytes(ckpt, [1, 2, 3]);
        string name = Path.GetFileName(ckpt)[..^".memory.safetensors".Length];
        var r = CliRunner.Run(_run.Root, "evaluate", copy, "--checkpoint", name);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not a valid safetensors file", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [SkippableFact]
    public void PosBaselineMatchesTheReferenceFigures()
    {
        Requires.SharedData();
        // ../shared/reference/pos-baselines.md: XPOS weighted F1 0.9151 train, 0.8368 dev.
        var r = CliRunner.Run(_run.Root, "baseline", "pos", "--data-dir", TestPaths.SharedData);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Matches(@"train\s*│\s*0\.9166\s*│\s*0\.9151", r.Out);
        Assert.Matches(@"validation\s*│\s*0\.8403\s*│\s*0\.8368", r.Out);
    }

    [Fact]
    public void MissingDataSaysWhereToPutIt()
    {
        var r = CliRunner.Run(_run.Root, "baseline", "pos", "--data-dir", Path.Combine(_run.Root, "empty"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("mannrl data fetch udpos", r.Err);
        Assert.Equal(2, CliRunner.Run(_run.Root, "data", "fetch", "nothing").ExitCode);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to));
    }
}
