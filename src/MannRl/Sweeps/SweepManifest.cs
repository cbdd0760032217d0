using System.Text.Json;
using System.Text.Json.Serialization;
using MannRl.IO;

namespace MannRl.Sweeps;

/// <summary>
/// <c>OUTDIR/sweep.json</c>: what a sweep runs, written (atomically) before any run starts. Each run carries its
/// effective config, so a run needs neither the sweep file nor its base configs once the manifest exists.
/// </summary>
/// <param name="Format">The manifest format version (<see cref="CurrentFormat"/>).</param>
/// <param name="SweepFile">The sweep file's full path when the manifest was written.</param>
/// <param name="DataDirectory">The data directory every run reads.</param>
/// <param name="Created">When the sweep was first written.</param>
/// <param name="Runs">The runs; a run's index is its place in this list.</param>
public sealed record SweepManifest(int Format, string SweepFile, string DataDirectory, DateTimeOffset Created, IReadOnlyList<SweepRun> Runs)
{
    /// <summary>The manifest's file name inside OUTDIR.</summary>
    public const string FileName = "sweep.json";

    /// <summary>The format this version writes and reads.</summary>
    public const int CurrentFormat = 1;

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>True when <paramref name="directory"/> holds a sweep (a <c>sweep.json</c>).</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Reads <c>OUTDIR/sweep.json</c>; throws <see cref="InvalidDataException"/> for a damaged file.</summary>
    public static SweepManifest Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new SweepException($"'{directory}' holds no sweep ({FileName} is missing); pass the OUTDIR given to 'mannrl sweep'");
        SweepManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<SweepManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid sweep manifest ({e.Message}); restore it or start the sweep in a new OUTDIR");
        }
        if (manifest?.Runs is null || manifest.DataDirectory is null)
            throw new InvalidDataException($"'{path}' is not a valid sweep manifest (runs or data_directory missing); restore it or start the sweep in a new OUTDIR");
        if (manifest.Format != CurrentFormat)
            throw new InvalidDataException($"'{path}' has format {manifest.Format}, this mannrl reads format {CurrentFormat}; use the mannrl that wrote it");
        for (int i = 0; i < manifest.Runs.Count; i++)
            if (manifest.Runs[i].Index != i)
                throw new InvalidDataException($"'{path}': run {i} has index {manifest.Runs[i].Index}; restore the file or start the sweep in a new OUTDIR");
        return manifest;
    }

    /// <summary>Writes <c>OUTDIR/sweep.json</c> atomically, creating OUTDIR.</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json) + "\n");
    }

    /// <summary>The run at <paramref name="index"/>; a <see cref="SweepException"/> names the valid range otherwise.</summary>
    public SweepRun Run(int index) => index >= 0 && index < Runs.Count ? Runs[index]
        : throw new SweepException($"run index {index} is out of range: the sweep has runs 0..{Runs.Count - 1}");
}
