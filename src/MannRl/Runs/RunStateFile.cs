using System.Text.Json;
using System.Text.Json.Serialization;
using MannRl.Checkpoints;
using MannRl.IO;
using MannRl.Training;

namespace MannRl.Runs;

/// <summary>
/// A run's resume state on disk, <c>RUNDIR/state/</c>: the checkpoint <c>state</c> (nets and optimizers,
/// <see cref="Checkpoint"/>), <c>history.safetensors</c> (the trainer's float arrays: replay history) and
/// <c>state.json</c> (the trainer's scalars and integer arrays, and the run directory's own state: metrics.csv's text,
/// the log's length, the checkpoints written and kept, <c>latest</c>). state.json is written last: a folder without it
/// is incomplete. A new state is written into <c>state.new/</c>, the old one moved to <c>state.old/</c>, the new one
/// moved in, the old one deleted; <see cref="Recover"/> repairs a run killed anywhere in that sequence.
/// </summary>
public static class RunStateFile
{
    /// <summary>The folder of the current state.</summary>
    public const string Folder = "state";

    /// <summary>The state's format tag.</summary>
    public const string Format = "mannrl-state-1";

    private const string Json = "state.json", History = "history.safetensors";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>What state.json holds.</summary>
    /// <param name="Format">The format tag.</param>
    /// <param name="Epoch">The trainer's <see cref="TrainerState.Epoch"/>.</param>
    /// <param name="Step">The trainer's <see cref="TrainerState.Step"/>.</param>
    /// <param name="Values">The trainer's scalars.</param>
    /// <param name="Integers">The trainer's integer arrays.</param>
    /// <param name="Metrics">metrics.csv's text at the state.</param>
    /// <param name="LogLength">experiment.log's length in bytes at the state.</param>
    /// <param name="Checkpoints">The run's checkpoints in the order written (those retention deleted left out).</param>
    /// <param name="Latest">The newest checkpoint written, or null.</param>
    public sealed record Contents(string Format, int Epoch, int Step, Dictionary<string, string> Values, Dictionary<string, int[]> Integers,
        string Metrics, long LogLength, List<string> Checkpoints, string? Latest);

    /// <summary>Writes <paramref name="state"/> and <paramref name="contents"/> as the run's state, replacing the previous one.</summary>
    public static void Write(string runDir, TrainerState state, Contents contents, string configYaml)
    {
        string current = Path.Combine(runDir, Folder), fresh = current + ".new", old = current + ".old";
        if (Directory.Exists(fresh)) Directory.Delete(fresh, recursive: true);
        Directory.CreateDirectory(fresh);
        Checkpoint.Save(fresh, TrainerState.CheckpointName, state.Parts, configYaml, "state-file");
        SafeTensors.Write(Path.Combine(fresh, History), state.Floats.Select(kv => new SafeTensors.Tensor(kv.Key, [kv.Value.Length], kv.Value)),
            new Dictionary<string, string> { ["format"] = Format });
        FaultPoint.Hit("state-file");
        AtomicFile.WriteText(Path.Combine(fresh, Json), JsonSerializer.Serialize(contents, Options));
        if (Directory.Exists(current))
        {
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
            Directory.Move(current, old);
        }
        FaultPoint.Hit("state-swap");
        Directory.Move(fresh, current);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }

    /// <summary>
    /// Makes <c>state/</c> the newest complete state a killed write left (<c>state/</c>, else <c>state.new/</c>, else
    /// <c>state.old/</c>) and removes the others; returns its contents, or null when the run has no complete state.
    /// </summary>
    /// <exception cref="InvalidDataException">state.json cannot be read.</exception>
    public static Contents? Recover(string runDir)
    {
        string current = Path.Combine(runDir, Folder), fresh = current + ".new", old = current + ".old";
        string? chosen = new[] { current, fresh, old }.FirstOrDefault(d => File.Exists(Path.Combine(d, Json)));
        if (chosen is not null && chosen != current)
        {
            if (Directory.Exists(current)) Directory.Delete(current, recursive: true);
            Directory.Move(chosen, current);
        }
        foreach (string d in new[] { fresh, old }) if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        if (chosen is null)
        {
            if (Directory.Exists(current)) Directory.Delete(current, recursive: true);
            return null;
        }
        string path = Path.Combine(current, Json);
        try
        {
            var contents = JsonSerializer.Deserialize<Contents>(File.ReadAllText(path), Options);
            if (contents?.Format != Format) throw new JsonException($"format '{contents?.Format}', expected '{Format}'");
            return contents;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid resume state ({e.Message}); start the run over in a new RUNDIR");
        }
    }

    /// <summary>The trainer's part of a recovered state, its nets to be loaded from <c>state/</c>.</summary>
    public static TrainerState Load(string runDir, Contents contents)
    {
        string folder = Path.Combine(runDir, Folder);
        var (tensors, _) = SafeTensors.Read(Path.Combine(folder, History));
        return new TrainerState
        {
            Epoch = contents.Epoch,
            Step = contents.Step,
            Values = new Dictionary<string, string>(contents.Values, StringComparer.Ordinal),
            Integers = new Dictionary<string, int[]>(contents.Integers, StringComparer.Ordinal),
            Floats = tensors.ToDictionary(kv => kv.Key, kv => kv.Value.Data, StringComparer.Ordinal),
            PartsDirectory = folder,
        };
    }
}
