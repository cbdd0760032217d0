using System.ComponentModel;
using System.Diagnostics;

namespace MannRl.Sweeps;

/// <summary>What an outside command (sbatch, squeue, sacct) printed.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record ExternalResult(int ExitCode, string Out, string Error);

/// <summary>Runs an outside program to its end, bounded in time.</summary>
public static class ExternalCommand
{
    /// <summary>True when <paramref name="program"/> is an executable on PATH.</summary>
    public static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    /// <summary>Runs <paramref name="program"/>; null when it cannot be started (not installed).</summary>
    public static ExternalResult? Run(string program, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (string a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            return null;
        }
        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new IOException($"'{program} {string.Join(' ', start.ArgumentList)}' did not answer within {timeout.TotalSeconds:F0} s; is the cluster up?");
            }
            return new ExternalResult(process.ExitCode, output.Result, error.Result);
        }
    }
}
