using System.Text.Json;
using MannRl.Data;
using MannRl.Data.MemoryTasks;

namespace MannRl.Tests.Cli;

/// <summary>The memory tasks from the command line: a short copy run, then other draws, length bins and baselines.</summary>
public sealed class TaskCliTests : IClassFixture<TaskCliTests.CopyRun>
{
    private readonly CopyRun _run;

    public TaskCliTests(CopyRun run) => _run = run;

    /// <summary>A 2-epoch copy run on 600 generated sequences.</summary>
    public sealed class CopyRun : IDisposable
    {
        public CopyRun()
        {
            Root = Directory.CreateTempSubdirectory("mannrl-tasks-cli-").FullName;
            RunDir = Path.Combine(Root, "run");
            File.WriteAllText(Path.Combine(Root, "copy.yaml"), """
                { "dataset": "copy", "task_alphabet": 6, "task_lengths": [1, 3], "task_eval_lengths": [4, 5],
                  "task_train_size": 600, "task_eval_size": 80, "memory_dim": 16, "history": 6, "settle": 2, "epochs": 2,
                  "batch_size": 16, "eval_batch_size": 32, "use_swish": true, "action_clipping": 1, "mem_clipping": 1,
                  "mem_num_samples": 4, "mem_dampen_losses": 3 }
                """);
            Train = CliRunner.Run(Root, "train", "copy.yaml", RunDir, "--threads", "1");
        }

        public string Root { get; }
        public string RunDir { get; }
        public CliRunner.Result Train { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    [Fact]
    public void TrainingWritesRecallPhaseMetricsWithExactMatchAsAnswerAccuracy()
    {
        Assert.True(_run.Train.ExitCode == 0, _run.Train.Err + _run.Train.Out);
        Assert.Contains("copy: generated 600 train, 80 validation and 80 test sequences", _run.Train.Out);
        var rows = File.ReadAllLines(Path.Combine(_run.RunDir, "metrics.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.All(rows, r => Assert.InRange(double.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture), 0.0, 1.0));
        var e = CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--json");
        using var doc = JsonDocument.Parse(e.Out);
        Assert.Equal("recall phase, answer = exact match", doc.RootElement.GetProperty("scored").GetString());
        Assert.Equal(rows[^1][7], doc.RootElement.GetProperty("weighted_f1").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EvaluateReadsAnotherDrawAndReportsEachLength()
    {
        string dir = Path.Combine(_run.Root, "other-draw");
        var make = CliRunner.Run(_run.Root, "data", "make", "copy", "--alphabet", "6", "--lengths", "3..7", "--count", "120", "--seed", "5", "--out", dir);
        Assert.True(make.ExitCode == 0, make.Err);
        var r = CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--data", Path.Combine(dir, "copy.dataset.json"), "--by-length", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var bins = doc.RootElement.GetProperty("by_length").EnumerateArray().ToArray();
        Assert.Equal([3, 4, 5, 6, 7], bins.Select(b => b.GetProperty("min").GetInt32()));
        Assert.All(bins, b => Assert.Equal("symbols", b.GetProperty("unit").GetString()));
        Assert.Equal(120, bins.Sum(b => b.GetProperty("sequences").GetInt32()));

        var table = CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--data", dir, "--by-length");
        Assert.True(table.ExitCode == 0, table.Err);
        Assert.Contains("exact match", table.Out);
        Assert.Contains("by length (symbols)", table.Out);
    }

    [Fact]
    public void TheTestSplitHoldsTheEvaluationLengths()
    {
        var r = CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--split", "test", "--by-length", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal([4, 5], doc.RootElement.GetProperty("by_length").EnumerateArray().Select(b => b.GetProperty("min").GetInt32()));
    }

    [Fact]
    public void DataOfAnotherAlphabetOrTaskIsRefusedInOneLine()
    {
        string dir = Path.Combine(_run.Root, "k8");
        Assert.Equal(0, CliRunner.Run(_run.Root, "data", "make", "copy", "--count", "20", "--out", dir).ExitCode);
        var r = CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--data", dir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("differs from the expected one", r.Err);
        Assert.Contains("mannrl data make copy --alphabet 6", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));

        string recall = Path.Combine(_run.Root, "recall");
        Assert.Equal(0, CliRunner.Run(_run.Root, "data", "make", "associative-recall", "--alphabet", "6", "--count", "20", "--out", recall).ExitCode);
        r = CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--data", Path.Combine(recall, "associative-recall.dataset.json"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("it holds associative-recall sequences, not copy sequences", r.Err);
    }

    [Fact]
    public void DataMakeRefusesOptionsOfOtherTasksAndWritesWhatItSays()
    {
        Assert.Equal(2, CliRunner.Run(_run.Root, "data", "make", "copy", "--operands", "2..3", "--out", _run.Root).ExitCode);
        Assert.Equal(2, CliRunner.Run(_run.Root, "data", "make", "logic", "--lengths", "2..3", "--out", _run.Root).ExitCode);
        Assert.Equal(2, CliRunner.Run(_run.Root, "data", "make", "copy", "--repeats", "2..3", "--out", _run.Root).ExitCode);
        Assert.Equal(2, CliRunner.Run(_run.Root, "data", "make", "associative-recall", "--alphabet", "4", "--lengths", "2..5", "--out", _run.Root).ExitCode);
        Assert.Equal(2, CliRunner.Run(_run.Root, "data", "make", "copy", "--lengths", "x", "--out", _run.Root).ExitCode);

        string dir = Path.Combine(_run.Root, "rc");
        var r = CliRunner.Run(_run.Root, "data", "make", "repeat-copy", "--alphabet", "4", "--lengths", "2..2", "--repeats", "3..3", "--count", "20", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        var data = SymbolDataFile.Read(Path.Combine(dir, "repeat-copy.dataset.json"), "repeat-copy", MemoryTask.Alphabet("repeat-copy", 4), "fix");
        Assert.Equal(20, data.All.Count);
        Assert.All(data.All, e => Assert.Matches("^[a-d]{2}3-{7}$", e.Inputs));
    }

    [Fact]
    public void TheFrequencyBaselineScoresEverySplitOfTheTask()
    {
        var r = CliRunner.Run(_run.Root, "baseline", "freq", "copy.yaml", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var splits = doc.RootElement.GetProperty("splits").EnumerateArray().ToArray();
        Assert.Equal(["train", "validation", "test"], splits.Select(s => s.GetProperty("split").GetString()));
        // Without memory, a recalled symbol is a guess among 6: per-symbol accuracy near 1/6, hardly any exact match.
        Assert.All(splits, s => Assert.InRange(s.GetProperty("accuracy").GetDouble(), 0.08, 0.3));
        Assert.InRange(splits[2].GetProperty("answer_accuracy").GetDouble(), 0.0, 0.02);
    }
}
