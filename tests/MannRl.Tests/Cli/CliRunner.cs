using System.Diagnostics;

namespace MannRl.Tests.Cli;

/// <summary>Runs the built <c>mannrl</c> command as a user would, in a child process.</summary>
public static class CliRunner
{
    /// <summary>The CLI assembly built next to the tests (same configuration).</summary>
    public static string CliDll
    {
        get
        {
            // tests/MannRl.Tests/bin/<Configuration>/<tfm>/ → src/MannRl.Cli/bin/<Configuration>/<tfm>/mannrl.dll
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string tfm = bin.Name, configuration = bin.Parent!.Name;
            return Path.Combine(TestPaths.RepoRoot, "src", "MannRl.Cli", "bin", configuration, tfm, "mannrl.dll");
        }
    }

    public sealed record Result(int ExitCode, string Out, string Err);

    public static Result Run(string workDir, params string[] args) => RunWith(new Dictionary<string, string?>(), workDir, args);

    /// <summary>Runs with environment variables set (a null value removes the variable).</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string?> environment, string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(CliDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("NM_DATA_DIR");
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
            throw new TimeoutException($"mannrl {string.Join(' ', args)} did not finish in {TestTimeouts.Hang.TotalMinutes} minutes");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
