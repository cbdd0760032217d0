using System.Diagnostics;

namespace MannRl.Bench;

/// <summary>Facts every benchmark report starts with, and the atomic write of a report.</summary>
public static class BenchReport
{
    /// <summary>CPU model name from /proc/cpuinfo, or the OS description where there is none.</summary>
    public static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            foreach (string line in File.ReadLines(cpuInfo))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                    return line[(line.IndexOf(':') + 1)..].Trim();
            }
        }
        return System.Runtime.InteropServices.RuntimeInformation.OSDescription;
    }

    /// <summary>The nominal clock /proc/cpuinfo reports ("cpu MHz" of the first core), or null.</summary>
    public static double? CpuInfoMHz()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo)) return null;
        foreach (string line in File.ReadLines(cpuInfo))
        {
            if (line.StartsWith("cpu MHz", StringComparison.Ordinal)
                && double.TryParse(line[(line.IndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture, out double mhz))
                return mhz;
        }
        return null;
    }

    /// <summary>The load average (1, 5, 15 min) from /proc/loadavg, or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            string[] f = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{f[0]} {f[1]} {f[2]} (1, 5, 15 min)";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>The repository root: the first folder upwards from the working directory holding MannRl.slnx.</summary>
    public static string FindRepo()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MannRl.slnx"))) return dir.FullName;
        throw new InvalidOperationException("run the benchmark inside the repository (no MannRl.slnx above the working directory)");
    }

    /// <summary>Short commit of the working tree (with "+dirty" when it has uncommitted changes), or "unknown".</summary>
    public static string Commit()
    {
        string? head = Git("rev-parse --short HEAD");
        if (head is null) return "unknown";
        string? status = Git("status --porcelain --untracked-files=no");
        return string.IsNullOrEmpty(status) ? head : head + "+dirty";
    }

    /// <summary>Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/>, then moves it over
    /// <paramref name="path"/>, so a reader never sees half a report.</summary>
    public static void WriteAtomically(string path, string text) => MannRl.IO.AtomicFile.WriteText(path, text);

    private static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null) return null;
            string output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
