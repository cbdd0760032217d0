using System.Runtime.InteropServices;
using MannRl.Sweeps;

namespace MannRl.Cli.Commands;

/// <summary>How other processes (a sweep's children, Slurm tasks) start this same mannrl: by full paths, so that
/// neither PATH nor the working directory matters.</summary>
internal static class MannrlSelf
{
    public static MannrlCommand Command()
    {
        string process = Environment.ProcessPath ?? throw new IOException("cannot tell which executable runs mannrl; start it by its path");
        string assembly = typeof(Program).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(process) == "dotnet" && assembly.Length > 0) return new MannrlCommand(process, [assembly], null);
        return new MannrlCommand(process, [], Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? SharedRuntimeRoot());
    }

    /// <summary>The .NET installation of a framework-dependent app (<c>ROOT/shared/Microsoft.NETCore.App/VERSION/</c>);
    /// null for a self-contained one.</summary>
    private static string? SharedRuntimeRoot()
    {
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        var shared = runtime.Parent?.Parent;
        return shared is { Name: "shared" } && shared.Parent is { } root ? root.FullName : null;
    }
}
