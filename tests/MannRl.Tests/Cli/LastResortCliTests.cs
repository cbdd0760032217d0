using MannRl.IO;

namespace MannRl.Tests.Cli;

/// <summary>
/// The handler of last resort, reached for real through the built CLI: an exception no command turns into a message
/// is one line and exit code 1; <c>--verbose</c> or <c>MANNRL_VERBOSE=1</c> adds the stack trace. The unexpected
/// exception is the fault points' own: a malformed <c>MANNRL_TEST_KILL_AT</c> (a test-only variable) fails their type
/// initializer at the first training step, an exception type no command handles.
/// </summary>
public sealed class LastResortCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-last-resort-").FullName;

    public LastResortCliTests() => Directory.CreateDirectory(Path.Combine(_dir, "data"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CliRunner.Result Train(string run, string? verboseVariable, params string[] more) =>
        CliRunner.RunWith(new Dictionary<string, string?> { [FaultPoint.Variable] = "garbage", ["MANNRL_VERBOSE"] = verboseVariable }, _dir,
            ["train", "logic/logic_m_best", run, "--data-dir", "data", "--set", "logic_count=200", "--epochs", "1", "--threads", "1", "--quiet", .. more]);

    private const string Cause = "MANNRL_TEST_KILL_AT='garbage' is not NAME:K (K >= 1); unset it (InvalidOperationException)";

    [Fact]
    public void AnUnexpectedExceptionIsOneLineAndExitCodeOne()
    {
        var r = Train("plain", verboseVariable: null);
        Assert.Equal(1, r.ExitCode);
        string line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {Cause}. This is a bug in mannrl: please report it", line);
        Assert.EndsWith("with --verbose", line.TrimEnd());
        Assert.DoesNotContain(" at MannRl.", r.Err);
    }

    [Theory]
    [InlineData("option")]
    [InlineData("variable")]
    public void VerboseAddsTheStackTrace(string how)
    {
        var r = how == "option" ? Train("verbose-option", null, "--verbose") : Train("verbose-variable", "1");
        Assert.Equal(1, r.ExitCode);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"error: {Cause}. This is a bug in mannrl", lines[0]);
        Assert.Contains("System.TypeInitializationException", r.Err);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("at MannRl.IO.FaultPoint.", StringComparison.Ordinal));
    }
}
