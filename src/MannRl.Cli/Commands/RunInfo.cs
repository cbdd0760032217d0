using System.Text.Json;
using MannRl.IO;

namespace MannRl.Cli.Commands;

/// <summary><c>RUNDIR/run.json</c>: what a run needs beyond its config to be evaluated later (the data directory).</summary>
internal static class RunInfo
{
    public static void Write(string runDir, string dataDir) =>
        AtomicFile.WriteText(Path.Combine(runDir, "run.json"), JsonSerializer.Serialize(new Dictionary<string, string> { ["data_dir"] = dataDir }));

    public static string? DataDir(string runDir)
    {
        var path = Path.Combine(runDir, "run.json");
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))?.GetValueOrDefault("data_dir");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON ({e.Message}); delete it and pass --data-dir");
        }
    }
}
