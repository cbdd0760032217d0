using System.Diagnostics;
using MannRl.IO;
using MannRl.Tests.Cli;

namespace MannRl.Tests.Runs;

/// <summary>
/// The resume contract (issue 12), through the CLI: a tiny logic run killed with SIGKILL at a fault point
/// (<see cref="FaultPoint"/>) or stopped by SIGINT, then resumed, ends with metrics.csv (but elapsed_seconds) and
/// checkpoints identical bit for bit to the same run done in one go.
/// </summary>
public sealed class ResumeTests : IClassFixture<ResumeTests.WholeRun>
{
    private readonly WholeRun _whole;

    public ResumeTests(WholeRun whole) => _whole = whole;

    /// <summary>4 epochs of 7535 steps, a checkpoint when train F1 improves, retention 2.</summary>
    public const string TinyConfig = """
        { "dataset": "logic", "action_model": "flatdann", "use_swish": true, "mem_model": "flatmnnNA",
          "memory_dim": 16, "history": 6, "settle": 2, "epochs": 4, "batch_size": 16, "eval_batch_size": 64,
          "loss_function": "cross_entropy", "action_optimizer": "adam", "action_learning_rate": 0.001,
          "action_clipping": 1, "mem_optimizer": "rmsprop", "mem_learning_rate": 0.00001, "mem_clipping": 1,
          "mem_train_iterations": 1, "mem_num_samples": 4, "mem_gamma": 0.99, "mem_dampen_losses": 3,
          "eval_interval": 1, "train_eval_truncate_size": 500, "keep_checkpoints": 2, "action_lr_rate_decay": [[2, 3], 0.5] }
        """;

    /// <summary>The tiny run done in one go, to compare with.</summary>
    public sealed class WholeRun : IDisposable
    {
        public WholeRun()
        {
            Root = Directory.CreateTempSubdirectory("mannrl-resume-").FullName;
            File.WriteAllText(Path.Combine(Root, "tiny.yaml"), TinyConfig);
            Result = CliRunner.Run(Root, "train", "tiny.yaml", "whole", "--data-dir", "data", "--threads", "1", "--quiet");
        }

        public string Root { get; }
        public string RunDir => Path.Combine(Root, "whole");
        public CliRunner.Result Result { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    [Theory]
    [InlineData("step:5")]             // before the first state: the resume starts over in place
    [InlineData("step:9000")]          // inside epoch 2, after the first state
    [InlineData("evaluation:2")]       // between the two splits of epoch 2's evaluation
    [InlineData("checkpoint-file:2")]  // between two files of the first checkpoint
    [InlineData("state-file:3")]       // the first state half written (no state.json yet)
    [InlineData("state-file:4")]       // the second state half written, the first one complete
    [InlineData("state-swap:1")]       // the first state complete, not yet moved into place
    [InlineData("state-swap:2")]       // the old state moved aside, the new one not yet in place
    public void ARunKilledAtAnyPointAndResumedEndsAsTheUninterruptedRun(string killAt)
    {
        Assert.True(_whole.Result.ExitCode == 0, _whole.Result.Err + _whole.Result.Out);
        string runDir = "killed-" + killAt.Replace(':', '-');
        var killed = CliRunner.RunWith(new Dictionary<string, string?> { [FaultPoint.Variable] = killAt }, _whole.Root,
            "train", "tiny.yaml", runDir, "--data-dir", "data", "--threads", "1", "--quiet");
        Assert.True(killed.ExitCode == 137, $"expected SIGKILL at {killAt}, got exit {killed.ExitCode}: {killed.Err}");

        var resumed = CliRunner.Run(_whole.Root, "resume", runDir, "--threads", "1", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.Err + resumed.Out);
        AssertSameAsWhole(Path.Combine(_whole.Root, runDir));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_whole.Root, runDir), "*.tmp", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(_whole.Root, runDir, "state.new")));
        Assert.False(Directory.Exists(Path.Combine(_whole.Root, runDir, "state.old")));

        var again = CliRunner.Run(_whole.Root, "resume", runDir, "--quiet");
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Contains("already finished", again.Out);
        AssertSameAsWhole(Path.Combine(_whole.Root, runDir));
    }

    [Fact]
    public async Task SigintStopsAtAStepWithItsStateAndTheResumedRunEndsAsTheUninterruptedRun()
    {
        Assert.True(_whole.Result.ExitCode == 0, _whole.Result.Err);
        string runDir = Path.Combine(_whole.Root, "interrupted");
        // A shell starts background jobs with SIGINT ignored, children inherit that, and .NET leaves an ignored SIGINT
        // ignored (as a run started with `cmd &` should): env(1) gives the run the default disposition whatever the
        // test host inherited, so the test is the same under `nohup .ci/run &` as in a terminal.
        var start = new ProcessStartInfo("env") { WorkingDirectory = _whole.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "--default-signal=INT", "dotnet", CliRunner.CliDll, "train", "tiny.yaml", runDir, "--data-dir", "data", "--threads", "1", "--quiet" })
            start.ArgumentList.Add(a);
        start.Environment.Remove("NM_DATA_DIR");
        // The run waits in its second epoch (step 9000 of 4 x 7535) until the signal comes: it cannot end first.
        start.Environment[FaultPoint.StallVariable] = "step:9000";
        string err;
        int exit;
        using (var train = Process.Start(start)!)
        {
            _ = train.StandardOutput.ReadToEndAsync();
            var stderr = train.StandardError.ReadToEndAsync();
            // Wait for the first epoch's state, then interrupt: the stop lands inside the second epoch.
            var clock = Stopwatch.StartNew();
            while (!File.Exists(Path.Combine(runDir, "state", "state.json")) && !train.HasExited && clock.Elapsed < TestTimeouts.Hang) Thread.Sleep(10);
            using (var kill = Process.Start("kill", ["-INT", train.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            Assert.True(train.WaitForExit(TestTimeouts.Hang), "the run did not stop");
            exit = train.ExitCode;
            err = await stderr;
        }
        Assert.True(exit == 130, $"exit {exit}: {err}");
        Assert.Contains("stopping after this step", err);
        Assert.Contains($"stopped; resume with: mannrl resume {runDir}", err);

        var resumed = CliRunner.Run(_whole.Root, "train", "--resume", runDir, "--threads", "1", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.Err + resumed.Out);
        AssertSameAsWhole(runDir);
    }

    [Fact]
    public void ResumingWhatIsNotARunIsAUsageError()
    {
        string notRun = Directory.CreateDirectory(Path.Combine(_whole.Root, "not-a-run")).FullName;
        var r = CliRunner.Run(_whole.Root, "resume", notRun);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is not a run directory", r.Err);
        var missing = CliRunner.Run(_whole.Root, "resume", Path.Combine(_whole.Root, "nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Err);
        var both = CliRunner.Run(_whole.Root, "train", "tiny.yaml", "--resume", "whole");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--resume continues a run with its own config", both.Err);
    }

    private void AssertSameAsWhole(string runDir)
    {
        Assert.Equal(MetricsWithoutTime(_whole.RunDir), MetricsWithoutTime(runDir));
        string expected = Path.Combine(_whole.RunDir, "checkpoints"), actual = Path.Combine(runDir, "checkpoints");
        var names = Directory.GetFiles(expected).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, Directory.GetFiles(actual).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList());
        Assert.Contains("final.action.safetensors", names);
        foreach (string name in names.Where(n => n.EndsWith(".safetensors", StringComparison.Ordinal)))
            Assert.True(File.ReadAllBytes(Path.Combine(expected, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))), $"{name} differs");
        Assert.Equal(File.ReadAllText(Path.Combine(expected, "latest")), File.ReadAllText(Path.Combine(actual, "latest")));
    }

    private static string[] MetricsWithoutTime(string runDir) =>
        File.ReadAllLines(Path.Combine(runDir, "metrics.csv")).Select(l => l[..l.LastIndexOf(',')]).ToArray();
}
