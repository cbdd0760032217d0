using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace MannRl.Tests.Cli;

/// <summary>
/// Issue 12, section 3: each bad input or fault is one line naming the problem and the fix, exit code 2 (usage or
/// config) or 1 (runtime), never a stack trace, a hang or an exit 0 with meaningless results.
/// </summary>
public sealed class BadInputTests : IClassFixture<BadInputTests.Run>
{
    private readonly Run _run;

    public BadInputTests(Run run) => _run = run;

    /// <summary>A one-epoch logic run on 400 generated sequences, shared by the tests that need a run directory.</summary>
    public sealed class Run : IDisposable
    {
        public const string Config = """
            { "dataset": "logic", "action_model": "flatdann", "use_swish": true, "mem_model": "flatmnnNA",
              "memory_dim": 16, "history": 6, "settle": 2, "epochs": 1, "batch_size": 16, "eval_batch_size": 64,
              "action_learning_rate": 0.001, "mem_optimizer": "rmsprop", "mem_learning_rate": 0.00001,
              "mem_num_samples": 4, "logic_count": 400, "train_eval_truncate_size": 100 }
            """;

        public Run()
        {
            Root = Directory.CreateTempSubdirectory("mannrl-bad-input-").FullName;
            Directory.CreateDirectory(Path.Combine(Root, "data"));
            File.WriteAllText(Path.Combine(Root, "tiny.yaml"), Config);
            Train = CliRunner.Run(Root, "train", "tiny.yaml", "run", "--data-dir", "data", "--threads", "1", "--quiet");
        }

        public string Root { get; }

        public CliRunner.Result Train { get; }

        public string RunDir => Path.Combine(Root, "run");

        /// <summary>A copy of the run directory to spoil, named <paramref name="name"/>.</summary>
        public string Copy(string name)
        {
            string to = Path.Combine(Root, name);
            foreach (var dir in Directory.EnumerateDirectories(RunDir, "*", SearchOption.AllDirectories))
                Directory.CreateDirectory(dir.Replace(RunDir, to));
            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(RunDir, "*", SearchOption.AllDirectories))
                if (!file.EndsWith(".lock", StringComparison.Ordinal)) File.Copy(file, file.Replace(RunDir, to));
            return to;
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private string Config(string name, string key, string value)
    {
        var json = JsonNode.Parse(Run.Config)!.AsObject();
        json[key] = JsonNode.Parse(value);
        File.WriteAllText(Path.Combine(_run.Root, name), json.ToJsonString());
        return name;
    }

    private static void OneLine(CliRunner.Result r, int exitCode, params string[] expected)
    {
        Assert.True(r.ExitCode == exitCode, $"exit {r.ExitCode}, expected {exitCode}; stderr: {r.Err}");
        string line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", r.Err);
        foreach (var e in expected) Assert.Contains(e, line);
    }

    [Theory]
    [InlineData("history", "1000000000")]
    [InlineData("memory_dim", "2000000000")]
    [InlineData("batch_size", "1000000000")]
    [InlineData("eval_batch_size", "2000000000")]
    public void SizesHaveAnUpperBound(string key, string value)
    {
        var r = CliRunner.Run(_run.Root, "train", Config($"{key}.yaml", key, value), "never", "--data-dir", "data");
        OneLine(r, 2, $"key '{key}'", "must be at most");
        Assert.False(Directory.Exists(Path.Combine(_run.Root, "never")));
    }

    [Fact]
    public void AWidthWhoseWeightsExceedAnArrayIsRefused() =>
        OneLine(CliRunner.Run(_run.Root, "train", Config("wide.yaml", "memory_dim", "200000"), "never", "--data-dir", "data"), 2, "limit", "memory_dim");

    [Fact]
    public void AConfigThatDoesNotFitInMemoryIsRefusedNamingTheFigure()
    {
        var r = CliRunner.RunWith(new Dictionary<string, string?> { ["DOTNET_GCHeapHardLimit"] = "0x40000000" }, _run.Root,
            "train", Config("history.yaml", "history", "1000000"), "never", "--data-dir", "data");
        OneLine(r, 2, "needs about", "GiB", "replay history", "1.0 GiB", "lower history");
    }

    [Fact]
    public void ThreadsAreBoundedByTheCpus() =>
        OneLine(CliRunner.Run(_run.Root, "train", "tiny.yaml", "never", "--data-dir", "data", "--threads", "100000"), 2,
            "--threads 100000", $"{Environment.ProcessorCount} CPU");

    [Fact]
    public void PredictBatchSizeIsBounded() =>
        OneLine(CliRunner.Run(_run.Root, "predict", _run.RunDir, "--batch-size", "2000000000"), 2, "--batch-size", "at most");

    [Theory]
    [InlineData("[1, 2]", "header is an array")]
    [InlineData("{\"__metadata__\": [\"a\"]}", "__metadata__ is an array")]
    [InlineData("{\"__metadata__\": {\"k\": 3}}", "__metadata__ value 'k' is a number")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [0, 8]}}", "shape [-2]")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [-8, 0]}}", "data_offsets [-8, 0]")]
    public void HostileCheckpointHeadersAreOneLine(string header, string expected)
    {
        Assert.Equal(0, _run.Train.ExitCode);
        string copy = _run.Copy($"st-{Math.Abs(header.GetHashCode())}");
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        foreach (string file in Directory.GetFiles(Path.Combine(copy, "checkpoints"), "*.action.safetensors")) File.WriteAllBytes(file, bytes);
        OneLine(CliRunner.Run(_run.Root, "evaluate", copy), 1, "not a valid safetensors file", expected);
    }

    [Fact]
    public void ACheckpointWithNaNWeightsIsRefused()
    {
        string copy = _run.Copy("nan");
        foreach (string file in Directory.GetFiles(Path.Combine(copy, "checkpoints"), "*.memory.safetensors"))
        {
            var bytes = File.ReadAllBytes(file);
            BitConverter.GetBytes(float.NaN).CopyTo(bytes, bytes.Length - 4); // the last value of the last tensor
            File.WriteAllBytes(file, bytes);
        }
        OneLine(CliRunner.Run(_run.Root, "evaluate", copy), 1, "unusable", "holds NaN", "--checkpoint");
    }

    [Fact]
    public void EvaluatingASplitTheTaskDoesNotHaveIsRefused() =>
        OneLine(CliRunner.Run(_run.Root, "evaluate", _run.RunDir, "--split", "test"), 2, "no test sequences", "--split");

    [Fact]
    public void ATrainingSplitOfOneSequenceIsRefused()
    {
        string data = Path.Combine(_run.Root, "one-sequence");
        Directory.CreateDirectory(Path.Combine(data, "logic"));
        const string Sequence = """[["x", "o", "r", "1", "1", "=", "|"], [".", "x", "o", "r", "1", "1", "0"]]""";
        File.WriteAllText(Path.Combine(data, "logic", "logic.dataset.json"), $$"""{"train": [{{Sequence}}], "validation": [{{Sequence}}]}""");
        var r = CliRunner.Run(_run.Root, "train", Config("original.yaml", "logic_count", "10000"), "never", "--data-dir", data);
        OneLine(r, 1, "1 sequence", "at least 2");
    }

    [Fact]
    public void AMemoryNetGoingInfiniteStopsTheRunBeforeItIsSaved()
    {
        var r = CliRunner.Run(_run.Root, "train", Config("diverge.yaml", "mem_learning_rate", "1e30"), "diverged", "--data-dir", "data", "--threads", "1");
        OneLine(r, 1, "training diverged", "memory-net tensor", "epoch 1", "step", "mem_learning_rate");
        string checkpoints = Path.Combine(_run.Root, "diverged", "checkpoints");
        Assert.True(!Directory.Exists(checkpoints) || Directory.GetFiles(checkpoints, "*.safetensors").Length == 0);
    }

    [Fact]
    public void AMissingDataDirectoryIsNotCreatedAndTheGenerationIsAWarning()
    {
        string missing = Path.Combine(_run.Root, "no-such-data");
        var r = CliRunner.Run(_run.Root, "train", Config("original2.yaml", "logic_count", "10000"), "generated", "--data-dir", missing,
            "--quiet", "--epochs", "1");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning: logic: the data directory", r.Err);
        Assert.Contains("does not exist", r.Err);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void ARunWhoseDataDirectoryVanishedIsRefused()
    {
        string data = Path.Combine(_run.Root, "vanishing");
        Directory.CreateDirectory(data);
        var trained = CliRunner.Run(_run.Root, "train", Config("original3.yaml", "logic_count", "10000"), "vanished", "--data-dir", data, "--quiet");
        Assert.Equal(0, trained.ExitCode);
        Directory.Delete(data, recursive: true);
        OneLine(CliRunner.Run(_run.Root, "evaluate", "vanished"), 2, "no longer exists", "--data-dir");
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void AConfigThatIsADirectoryExitsWithTwo()
    {
        Directory.CreateDirectory(Path.Combine(_run.Root, "folder.yaml"));
        OneLine(CliRunner.Run(_run.Root, "train", "folder.yaml", "never", "--data-dir", "data"), 2, "is a directory");
    }

    [Fact]
    public void ARunDirectoryThatIsAFileExitsWithTwo()
    {
        File.WriteAllText(Path.Combine(_run.Root, "a-file"), "");
        OneLine(CliRunner.Run(_run.Root, "train", "tiny.yaml", "a-file", "--data-dir", "data"), 2, "is a file");
    }

    [SkippableFact]
    public void AFullDiskNamesThePathAndTheFix()
    {
        // A tiny tmpfs is a full disk; mounting one needs root (CI containers run as root), else the test skips.
        string mount = Path.Combine(_run.Root, "full");
        Directory.CreateDirectory(mount);
        Skip.IfNot(Environment.UserName == "root" && Sh($"mount -t tmpfs -o size=24k tmpfs '{mount}'") == 0, "needs root to mount a small tmpfs");
        try
        {
            var r = CliRunner.Run(_run.Root, "train", "tiny.yaml", Path.Combine(mount, "run"), "--data-dir", "data", "--threads", "1", "--quiet");
            OneLine(r, 1, "the disk is full", mount, "free space");
        }
        finally
        {
            Sh($"umount '{mount}'");
        }
    }

    private static int Sh(string command)
    {
        using var p = Process.Start(new ProcessStartInfo("sh", ["-c", command]) { RedirectStandardError = true })!;
        p.WaitForExit();
        return p.ExitCode;
    }
}
