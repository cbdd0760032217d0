namespace MannRl.Tests.Cli;

/// <summary>What train and evaluate print: a live display on a terminal, plain lines without escape codes elsewhere.</summary>
public sealed class ProgressOutputTests : IClassFixture<ProgressOutputTests.Workspace>
{
    private const char Escape = '\u001b';
    private readonly Workspace _w;

    public ProgressOutputTests(Workspace w) => _w = w;

    /// <summary>A tiny logic config and a data directory generated once; each test trains its own run.</summary>
    public sealed class Workspace : IDisposable
    {
        public Workspace()
        {
            Root = Directory.CreateTempSubdirectory("mannrl-progress-").FullName;
            File.WriteAllText(Path.Combine(Root, "tiny.yaml"), """
                { "dataset": "logic", "action_model": "flatdann", "use_swish": true, "mem_model": "flatmnnNA",
                  "memory_dim": 16, "history": 6, "settle": 2, "epochs": 3, "batch_size": 16, "eval_batch_size": 64,
                  "loss_function": "cross_entropy", "action_optimizer": "adam", "action_learning_rate": 0.001,
                  "action_clipping": 1, "mem_optimizer": "rmsprop", "mem_learning_rate": 0.00001, "mem_clipping": 1,
                  "mem_train_iterations": 1, "mem_num_samples": 4, "mem_gamma": 0.99, "mem_dampen_losses": 3,
                  "eval_interval": 1, "train_eval_truncate_size": 200 }
                """);
        }

        public string Root { get; }

        public string[] Train(string run) => ["train", "tiny.yaml", run, "--data-dir", "data", "--threads", "1"];

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private static Dictionary<string, string?> Env(params (string Key, string? Value)[] vars) => vars.ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public void APipeGetsPlainProgressLinesAndNoEscapeCodes()
    {
        var r = CliRunner.RunWith(Env(("MANNRL_PROGRESS_SECONDS", "0.2")), _w.Root, _w.Train("pipe"));
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.DoesNotContain(Escape, r.Out);
        Assert.DoesNotContain(Escape, r.Err);
        var lines = r.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("] train pipe: ") && l.Contains("epoch ") && l.Contains("/3"));
        // The run's log is echoed whole, one line per message, as experiment.log holds it.
        var log = File.ReadAllLines(Path.Combine(_w.Root, "pipe", "experiment.log"));
        var evalLine = log.First(l => l.Contains("eval on validation: micro p"));
        Assert.True(evalLine.Length > 120, "a long log line");
        Assert.Contains(evalLine, lines);
        Assert.Contains("│ validation │", r.Out); // the summary table, drawn without colour
        Assert.True(File.Exists(Path.Combine(_w.Root, "pipe", "curves.png")), "curves.png drawn at the end");
    }

    [Fact]
    public void QuietPrintsTheResultOnly()
    {
        var r = CliRunner.RunWith(Env(("MANNRL_PROGRESS_SECONDS", "0.2")), _w.Root, [.. _w.Train("quiet"), "--quiet"]);
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.DoesNotContain("INFO:", r.Out);
        Assert.DoesNotContain("] train quiet: ", r.Out);
        Assert.Contains("│ validation │", r.Out);
        Assert.Contains("Starting epoch 3", File.ReadAllText(Path.Combine(_w.Root, "quiet", "experiment.log")));
    }

    [SkippableFact]
    public void ATerminalGetsTheLiveDisplayAndNoColorTurnsItOff()
    {
        Skip.If(TerminalRunner.Script is null, "needs util-linux's script to give the command a terminal");
        var live = TerminalRunner.Run(Env(), _w.Root, _w.Train("tty"));
        Assert.True(live.ExitCode == 0, live.Err + live.Out);
        Assert.Contains(Escape, live.Out);
        string shown = System.Text.RegularExpressions.Regex.Replace(live.Out, @"\u001b\[[0-9;?]*[A-Za-z]", "");
        Assert.Contains("✔ train tty", shown); // the display's last frame
        Assert.Contains("epoch 3/3", shown);
        Assert.Contains("val wF1", shown);

        var plain = TerminalRunner.Run(Env(("NO_COLOR", "1"), ("MANNRL_PROGRESS_SECONDS", "0.2")), _w.Root, _w.Train("nocolor"));
        Assert.True(plain.ExitCode == 0, plain.Err + plain.Out);
        // No colour and no redrawing; .NET itself still switches a terminal's keypad mode (ESC [?1h ESC =) at start.
        Assert.DoesNotMatch(@"\u001b\[[0-9;]*[mAKJ]", plain.Out);
        Assert.Contains("] train nocolor: ", plain.Out);
    }
}
