using System.Diagnostics;

namespace MannRl.Tests.Cli;

/// <summary>
/// Runs the built <c>mannrl</c> with its stdout on a pseudo-terminal, as in a user's shell, through util-linux's
/// <c>script</c> (which copies everything the terminal showed, escape codes included, to its own stdout).
/// </summary>
public static class TerminalRunner
{
    /// <summary>The <c>script</c> command, or null where util-linux's is not installed.</summary>
    public static string? Script => File.Exists("/usr/bin/script") ? "/usr/bin/script" : null;

    /// <summary>Runs <c>mannrl</c> with <paramref name="args"/> on a terminal; <paramref name="environment"/> as <see cref="CliRunner.RunWith"/>.</summary>
    public static CliRunner.Result Run(IReadOnlyDictionary<string, string?> environment, string workDir, params string[] args)
    {
        string command = string.Join(' ', new[] { "dotnet", CliRunner.CliDll }.Concat(args).Select(Quote));
        var psi = new ProcessStartInfo(Script!) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--quiet", "--return", "--command", command, "/dev/null" }) psi.ArgumentList.Add(a);
        psi.Environment.Remove("NM_DATA_DIR");
        // Whatever runs the tests: the terminal run must look like a user's.
        psi.Environment.Remove("CI");
        psi.Environment.Remove("NO_COLOR");
        psi.Environment["TERM"] = "xterm-256color";
        foreach (var (k, v) in environment)
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TestTimeouts.Hang))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"mannrl {string.Join(' ', args)} did not finish in {TestTimeouts.Hang.TotalMinutes} minutes on a terminal");
        }
        return new CliRunner.Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
