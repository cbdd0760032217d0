namespace MannRl.Tests.Cli;

/// <summary>Built-in configs by name (<c>mannrl configs</c>, <c>configs show</c>, <c>train NAME</c>) and <c>--set</c>.</summary>
public sealed class ConfigByNameCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-config-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ConfigsListsEveryShippedConfigWithItsSummaryLine()
    {
        var r = CliRunner.Run(_dir, "configs");
        Assert.True(r.ExitCode == 0, r.Err);
        string configs = Path.Combine(TestPaths.RepoRoot, "configs");
        var shipped = Directory.GetFiles(configs, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(configs, f).Replace('\\', '/')[..^".yaml".Length]).Order(StringComparer.Ordinal).ToArray();
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(shipped, lines.Select(l => l.Split(' ', 2)[0]).ToArray());
        foreach (string name in shipped)
        {
            string summary = File.ReadLines(Path.Combine(configs, name + ".yaml")).First().TrimStart('#').Trim();
            Assert.Contains(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal) && l.EndsWith(summary, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ConfigsShowPrintsTheShippedFileAndRefusesAnUnknownName()
    {
        var r = CliRunner.Run(_dir, "configs", "show", "logic_m_resets");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "configs", "logic", "logic_m_resets.yaml")), r.Out);

        var bad = CliRunner.Run(_dir, "configs", "show", "logic_m_bets");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("no such built-in config", bad.Err);
        Assert.Contains("logic/logic_m_best", bad.Err);
    }

    [Fact]
    public void TrainRunsABuiltInConfigByNameWithOverrides()
    {
        string run = Path.Combine(_dir, "run");
        var r = CliRunner.Run(_dir, "train", "logic/logic_m_resets", run, "--epochs", "1", "--set", "logic_count=400",
            "--set", "memory_dim=16", "--data-dir", Path.Combine(_dir, "data"), "--threads", "1", "--quiet");
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        string config = File.ReadAllText(Path.Combine(run, "config.yaml"));
        Assert.Contains("built-in:logic/logic_m_resets with --set logic_count=400 --set memory_dim=16", config);
        Assert.Contains("mem_reset_probability: 0.2", config);
        Assert.Contains("memory_dim: 16", config);
        Assert.Contains("logic_count: 400", config);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length); // header, train, validation
    }

    [Theory]
    [InlineData("histroy=3", "key 'histroy'", "closest known key is 'history'")]
    [InlineData("history=abc", "key 'history'", "abc")]
    [InlineData("history=1", "history=1", "must be at least 2")]
    [InlineData("history", "override 'history'", "key=value")]
    public void SetIsCheckedAsTheFileIsAndNamesTheKeyAndValue(string assignment, string names, string says)
    {
        var r = CliRunner.Run(_dir, "train", "--set", assignment, "--data-dir", Path.Combine(_dir, "data"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(names, r.Err);
        Assert.Contains(says, r.Err);
        Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Theory]
    [InlineData("epochs=abc", "error: --set: key 'epochs': expected an integer, e.g. 12, but the value is abc (a string); write the value in that form")]
    [InlineData("mem_lr_rate_decay=[[100, x], 0.5]", "error: --set: key 'mem_lr_rate_decay': ")]
    [InlineData("memory_dim=99999999999", "error: --set: key 'memory_dim': 99999999999 is out of range")]
    public void ASetValueOfTheWrongTypeNamesNoLine(string assignment, string message)
    {
        // The value is parsed on its own: a line number would point into no file.
        var r = CliRunner.Run(_dir, "train", "--set", assignment, "--data-dir", Path.Combine(_dir, "data"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(message, r.Err);
        Assert.DoesNotContain("line", r.Err);
        Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AConfigFileValueOfTheWrongTypeNamesItsLine()
    {
        string config = Path.Combine(_dir, "bad-type.yaml");
        File.WriteAllText(config, "dataset: logic\nepochs: abc\n");
        var r = CliRunner.Run(_dir, "train", config, "--data-dir", Path.Combine(_dir, "data"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: bad-type.yaml, line 2: key 'epochs': expected an integer", r.Err);
    }

    [Fact]
    public void BaselineFreqTakesANameAndOverrides()
    {
        var r = CliRunner.Run(_dir, "baseline", "freq", "logic_m_best", "--set", "logic_count=200", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Out);
        var splits = doc.RootElement.GetProperty("splits").EnumerateArray().ToArray();
        Assert.Equal(200, splits.Sum(s => s.GetProperty("sequences").GetInt32()));
    }
}
