using System.Globalization;
using System.Text.Json;

namespace MannRl.Tests.Cli;

/// <summary>The learners of <c>model</c> through the CLI: train, then evaluate and predict read the run back.</summary>
public sealed class LearnerCliTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mannrl-learners-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Trains one epoch of <paramref name="model"/> on generated logic data; returns the run directory.</summary>
    private string Train(string model, string extra = "")
    {
        File.WriteAllText(Path.Combine(_root, $"{model}.yaml"), $$"""
            { "model": "{{model}}", "dataset": "logic", "memory_dim": 16, "history": 6, "settle": 2, "epochs": 1, "batch_size": 16,
              "eval_batch_size": 64, "action_loss_on": "logits", "action_clipping": 1, "mem_num_samples": 4, "mem_dampen_losses": 3,
              "mem_clipping": 1, "lstm_hidden_dim": 16, "train_eval_truncate_size": 300 {{extra}} }
            """);
        string runDir = Path.Combine(_root, model);
        var r = CliRunner.Run(_root, "train", $"{model}.yaml", runDir, "--data-dir", Path.Combine(_root, "data"), "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        return runDir;
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("no-memory")]
    [InlineData("frozen-memory")]
    public void EvaluateAndPredictReadTheRunBackAsTrainingEvaluatedIt(string model)
    {
        string runDir = Train(model);
        var lastValidation = File.ReadAllLines(Path.Combine(runDir, "metrics.csv"))[^1].Split(',');
        Assert.Equal("validation", lastValidation[1]);
        Assert.Equal("", lastValidation[10]); // no memory loss: no memory-net trained

        var e = CliRunner.Run(_root, "evaluate", runDir, "--json");
        Assert.True(e.ExitCode == 0, e.Err);
        using var json = JsonDocument.Parse(e.Out);
        Assert.Equal(double.Parse(lastValidation[7], CultureInfo.InvariantCulture), json.RootElement.GetProperty("weighted_f1").GetDouble());
        Assert.Equal(double.Parse(lastValidation[8], CultureInfo.InvariantCulture), json.RootElement.GetProperty("answer_accuracy").GetDouble());

        string prefix = Path.Combine(_root, $"{model}-pred");
        var p = CliRunner.Run(_root, "predict", runDir, "--out", prefix, "--batch-size", "5");
        Assert.True(p.ExitCode == 0, p.Err);
        using var metrics = JsonDocument.Parse(File.ReadAllText(prefix + ".metrics.json"));
        // Each LSTM sequence runs from a zero state, so its batch size changes nothing; the MANN-RL ablations' does.
        if (model == "lstm")
            Assert.Equal(json.RootElement.GetProperty("weighted_f1").GetDouble(), metrics.RootElement.GetProperty("weighted_f1").GetDouble());
    }

    [Fact]
    public void TheLstmRunSavesItsNetAsTheActionPartOnly()
    {
        string runDir = Train("lstm");
        var checkpoints = Path.Combine(runDir, "checkpoints");
        Assert.NotEmpty(Directory.GetFiles(checkpoints, "*.action.safetensors"));
        Assert.Empty(Directory.GetFiles(checkpoints, "*.memory.safetensors"));
        Assert.Contains("model: \"lstm\"", File.ReadAllText(Path.Combine(runDir, "config.yaml")));
        Assert.Contains("Model 'lstm' has", File.ReadAllText(Path.Combine(runDir, "experiment.log")));
    }

    [Fact]
    public void AnUnknownModelIsAUsageErrorNamingTheClosest()
    {
        File.WriteAllText(Path.Combine(_root, "typo.yaml"), "dataset: logic\nmodel: lstn\n");
        var r = CliRunner.Run(_root, "train", "typo.yaml", Path.Combine(_root, "typo-run"), "--data-dir", Path.Combine(_root, "data"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("model", r.Err);
        Assert.Contains("closest: 'lstm'", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(_root, "typo-run")));
    }
}
