namespace MannRl.Tests.Cli;

/// <summary><c>mannrl validate</c> and <c>train --dry-run</c>: the figures of a run without the run, and nothing written.</summary>
public sealed class ValidateCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-validate-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>logic_m_best's nets: flatdann over 11 inputs and 48 memory units, flatmnnNA writing 48.</summary>
    private static void AssertLogicBestFigures(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        var lines = r.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("net ", StringComparison.Ordinal) && l.Contains("action") && l.Contains(" 4,318 parameters"));
        Assert.Contains(lines, l => l.StartsWith("net ", StringComparison.Ordinal) && l.Contains("memory") && l.Contains(" 2,976 parameters"));
        Assert.Contains(lines, l => l.StartsWith("net ", StringComparison.Ordinal) && l.Contains("total") && l.Contains(" 7,294 parameters"));
        Assert.Contains(lines, l => l.StartsWith("memory ", StringComparison.Ordinal) && l.Contains("MiB"));
        Assert.Contains(lines, l => l.StartsWith("time ", StringComparison.Ordinal) && l.Contains("epoch 1:") && l.Contains("steps x"));
        Assert.Contains(lines, l => l.StartsWith("time ", StringComparison.Ordinal) && l.Contains("run: 72 epochs"));
        Assert.Contains("nothing trained, nothing written", r.Out);
    }

    [Fact]
    public void ValidatePrintsTheNetsMemoryAndTimeAndWritesNothing()
    {
        // The data directory is empty: a run would generate logic.dataset.json into it; validate generates it in memory.
        string data = Path.Combine(_dir, "data");
        var r = CliRunner.Run(_dir, "validate", "logic_m_best", "--data-dir", data, "--threads", "1");
        AssertLogicBestFigures(r);
        Assert.Contains("in memory", r.Out);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void TrainDryRunIsValidateAndCreatesNoRunDirectory()
    {
        string run = Path.Combine(_dir, "run");
        var r = CliRunner.Run(_dir, "train", "logic_m_best", run, "--dry-run", "--data-dir", Path.Combine(_dir, "data"), "--threads", "1");
        AssertLogicBestFigures(r);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void ValidateTakesOverridesAndRefusesBadOnesAsTrainDoes()
    {
        var r = CliRunner.Run(_dir, "validate", "logic_m_best", "--set", "memory_dim=8", "--set", "logic_count=300", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("285 train / 15 validation sequences", r.Out);
        Assert.Contains("memory_dim=8", r.Out); // the source line names the overrides

        var bad = CliRunner.Run(_dir, "validate", "--set", "mem_gamma=2");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("key 'mem_gamma'", bad.Err);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void ValidateOfAnLstmCountsItsOneNet()
    {
        var r = CliRunner.Run(_dir, "validate", "logic/logic_lstm", "--set", "logic_count=300", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains(r.Out.Split('\n'), l => l.StartsWith("net ", StringComparison.Ordinal) && l.Contains("lstm") && l.Contains(" 12,251 parameters"));
    }
}
