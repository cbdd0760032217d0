using System.Text.Json;
using MannRl.IO;

namespace MannRl.Sweeps;

/// <summary>One job array submitted for a sweep; all are listed in <c>OUTDIR/slurm/jobs.json</c>.</summary>
/// <param name="JobId">Slurm's job id.</param>
/// <param name="Indices">The run indices (array task ids) it runs.</param>
/// <param name="Script">The batch script, relative to OUTDIR.</param>
/// <param name="Submitted">When.</param>
public sealed record SlurmSubmission(string JobId, IReadOnlyList<int> Indices, string Script, DateTimeOffset Submitted)
{
    /// <summary>The submissions of the sweep in <paramref name="sweepDirectory"/>, oldest first.</summary>
    public static IReadOnlyList<SlurmSubmission> ReadAll(string sweepDirectory)
    {
        string path = ListPath(sweepDirectory);
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<SlurmSubmission>>(File.ReadAllText(path), SweepManifest.Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is damaged ({e.Message}); restore it (or delete it: status then reads the run directories only)");
        }
    }

    /// <summary>Adds <paramref name="submission"/> to the list (atomically).</summary>
    public static void Append(string sweepDirectory, SlurmSubmission submission) =>
        AtomicFile.WriteText(ListPath(sweepDirectory), JsonSerializer.Serialize(ReadAll(sweepDirectory).Append(submission).ToList(), SweepManifest.Json) + "\n");

    /// <summary>The folder of the scripts and the tasks' output, <c>OUTDIR/slurm</c>.</summary>
    public static string Folder(string sweepDirectory) => Path.Combine(sweepDirectory, "slurm");

    private static string ListPath(string sweepDirectory) => Path.Combine(Folder(sweepDirectory), "jobs.json");
}
