namespace MannRl.Tests.Cli;

/// <summary>Usage errors in the user's terms: unknown options, values an option cannot take, optional arguments in the help.</summary>
public sealed class UsageErrorCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-usage-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--epoch", "--epochs", "train", "--epoch", "3")]
    [InlineData("--epoch", "--epochs", "train", "--epoch")]
    [InlineData("--seeed", "--seed", "train", "logic_m_best", "--seeed=4")]
    [InlineData("--jason", "--json", "evaluate", "--jason", "RUN")]
    public void AnUnknownOptionIsNamedWithTheClosestKnownOne(string unknown, string closest, params string[] args)
    {
        var r = CliRunner.Run(_dir, args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"error: unknown option {unknown}; did you mean {closest}?", r.Err);
        Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Directory.GetFileSystemEntries(_dir)); // nothing trained, no run directory
    }

    [Theory]
    [InlineData("--seed", "-1", "--seed must be a non-negative integer, got '-1'")]
    [InlineData("--seed", "x", "--seed must be a non-negative integer, got 'x'")]
    [InlineData("--epochs", "1.5", "--epochs must be an integer, got '1.5'")]
    public void AValueTheOptionCannotTakeSaysWhatItTakes(string option, string value, string message)
    {
        var r = CliRunner.Run(_dir, "train", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {message}", r.Err.Trim());
        Assert.DoesNotContain("System.", r.Err);
    }

    [Fact]
    public void TheHelpShowsOptionalArgumentsAsOptional()
    {
        var r = CliRunner.Run(_dir, "--help");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("  train [CONFIG] [RUNDIR]  ", r.Out);
        Assert.Contains("  evaluate <RUNDIR>  ", r.Out);
        Assert.Contains("  configs  ", r.Out);

        var train = CliRunner.Run(_dir, "train", "--help");
        Assert.Contains("  [CONFIG]  ", train.Out);
        Assert.Contains("--set <KEY=VALUE>", train.Out);
    }
}
