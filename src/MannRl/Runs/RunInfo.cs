using System.Text.Json;
using MannRl.IO;

namespace MannRl.Runs;

/// <summary><c>RUNDIR/run.json</c>: what a run needs beyond its config to be evaluated later (the data directory).</summary>
public static class RunInfo
{
    /// <summary>Writes run.json into <paramref name="runDir"/>.</summary>
    public static void Write(string runDir, string dataDir) =>
        AtomicFile.WriteText(Path.Combine(runDir, RunFiles.Info), JsonSerializer.Serialize(new Dictionary<string, string> { ["data_dir"] = dataDir }));

    /// <summary>The data directory the run was trained on, or null when the run has no run.json.</summary>
    /// <exception cref="InvalidDataException">run.json is not valid JSON.</exception>
    public static string? DataDir(string runDir)
    {
        var path = Path.Combine(runDir, RunFiles.Info);
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
