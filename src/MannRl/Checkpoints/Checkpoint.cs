using System.Globalization;
using MannRl.Engine;
using MannRl.IO;
using MannRl.Models;

namespace MannRl.Checkpoints;

/// <summary>
/// A saved training state under a name such as <c>t11</c> (tag + 1-based epoch, as the original named its
/// files): <c>{name}.action.safetensors</c> and <c>{name}.memory.safetensors</c> hold each network's
/// tensors under PyTorch-style names (<c>linear.weight</c>, <c>norm.running_mean</c>, ...; one file per
/// <see cref="CheckpointPart"/>: the LSTM baseline has only the action file);
/// <c>{name}.optimizer.safetensors</c> holds the optimizers' state (<c>action.0.exp_avg</c>, ...) with step
/// counts and learning rates in its metadata. The effective config travels in the metadata of every file.
/// </summary>
public static class Checkpoint
{
    /// <summary>Saves the action net and the memory-net with their optimizers into <paramref name="directory"/>.</summary>
    public static void Save(string directory, string name, ActionNet action, MemoryNet memory,
        Optimizer actionOptimizer, Optimizer memoryOptimizer, string configYaml) =>
        Save(directory, name, [new("action", action.Tensors, actionOptimizer), new("memory", memory.Tensors, memoryOptimizer)], configYaml);

    /// <summary>Saves every part's tensors, and the state of the parts' optimizers, into <paramref name="directory"/>.</summary>
    public static void Save(string directory, string name, IReadOnlyList<CheckpointPart> parts, string configYaml) =>
        Save(directory, name, parts, configYaml, "checkpoint-file");

    /// <summary>Saves as <see cref="Save(string, string, IReadOnlyList{CheckpointPart}, string)"/>, passing the fault point <paramref name="faultPoint"/> between two files.</summary>
    internal static void Save(string directory, string name, IReadOnlyList<CheckpointPart> parts, string configYaml, string faultPoint)
    {
        CheckName(name);
        var meta = new Dictionary<string, string> { ["format"] = "mannrl-checkpoint-1", ["name"] = name, ["config"] = configYaml };
        foreach (var part in parts)
        {
            SafeTensors.Write(Path.Combine(directory, $"{name}.{part.Name}.safetensors"), Collect(part.Tensors), meta);
            FaultPoint.Hit(faultPoint);
        }
        var optimizerMeta = new Dictionary<string, string>(meta);
        var state = new List<SafeTensors.Tensor>();
        foreach (var part in parts)
        {
            if (part.Optimizer is not { } optimizer) continue;
            optimizerMeta[$"{part.Name}.steps"] = optimizer.Steps.ToString(CultureInfo.InvariantCulture);
            optimizerMeta[$"{part.Name}.lr"] = optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture);
            state.AddRange(optimizer.State.Select(kv => new SafeTensors.Tensor($"{part.Name}.{kv.Key}", [kv.Value.Length], kv.Value)));
        }
        SafeTensors.Write(Path.Combine(directory, $"{name}.optimizer.safetensors"), state, optimizerMeta);
    }

    /// <summary>Loads the networks' tensors (and the optimizers' state when given) from a saved checkpoint.</summary>
    public static void Load(string directory, string name, ActionNet action, MemoryNet memory,
        Optimizer? actionOptimizer = null, Optimizer? memoryOptimizer = null) =>
        Load(directory, name, [new("action", action.Tensors, actionOptimizer), new("memory", memory.Tensors, memoryOptimizer)]);

    /// <summary>Loads every part's tensors, and its optimizer's state where the part has an optimizer, from a saved checkpoint.</summary>
    public static void Load(string directory, string name, IReadOnlyList<CheckpointPart> parts)
    {
        CheckName(name);
        foreach (var part in parts)
            Restore(Path.Combine(directory, $"{name}.{part.Name}.safetensors"), part.Tensors, part.Name == "memory" ? "memory-net" : $"{part.Name} net");
        if (parts.All(p => p.Optimizer is null)) return;
        var path = Path.Combine(directory, $"{name}.optimizer.safetensors");
        var (tensors, meta) = SafeTensors.Read(path);
        foreach (var part in parts)
            if (part.Optimizer is { } optimizer) RestoreOptimizer(path, tensors, meta, part.Name, optimizer);
    }

    /// <summary>Deletes the files of the checkpoint <paramref name="name"/> (its action, memory and optimizer files) in <paramref name="directory"/>; missing ones are skipped.</summary>
    public static void Delete(string directory, string name)
    {
        CheckName(name);
        // The action file first: a checkpoint whose deletion is cut short no longer lists (List finds action files).
        foreach (string part in (string[])["action", "memory", "optimizer"])
            File.Delete(Path.Combine(directory, $"{name}.{part}.safetensors"));
    }

    /// <summary>Names of the checkpoints saved in <paramref name="directory"/>, oldest first by file time.</summary>
    public static IReadOnlyList<string> List(string directory) =>
        !Directory.Exists(directory) ? [] :
        new DirectoryInfo(directory).GetFiles("*.action.safetensors")
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => f.Name[..^".action.safetensors".Length]).ToArray();

    private static IEnumerable<SafeTensors.Tensor> Collect(NamedTensors tensors) =>
        tensors.All().Select(t => new SafeTensors.Tensor(t.Name, t.Shape, t.Data.AsSpan(0, t.Length).ToArray()));

    private static void Restore(string path, NamedTensors into, string what)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"checkpoint file '{path}' is missing; list the run's checkpoints/ folder and pass an existing name with --checkpoint");
        var (tensors, _) = SafeTensors.Read(path);
        foreach (var (name, shape, data, length) in into.All())
        {
            if (!tensors.TryGetValue(name, out var t))
                throw new InvalidDataException($"checkpoint '{path}' has no tensor '{name}' for the {what}: it was saved from a different model; use the run's own config.yaml");
            if (!t.Shape.SequenceEqual(shape))
                throw new InvalidDataException($"checkpoint '{path}': tensor '{name}' has shape [{string.Join(", ", t.Shape)}], the {what} needs [{string.Join(", ", shape)}]; use the run's own config.yaml");
            t.Data.AsSpan().CopyTo(data.AsSpan(0, length));
        }
        into.MarkAllChanged();
    }

    private static void RestoreOptimizer(string path, IReadOnlyDictionary<string, SafeTensors.Tensor> tensors,
        IReadOnlyDictionary<string, string> meta, string prefix, Optimizer optimizer)
    {
        foreach (var (key, buffer) in optimizer.State)
        {
            if (!tensors.TryGetValue($"{prefix}.{key}", out var t) || t.Data.Length != buffer.Length)
                throw new InvalidDataException($"checkpoint '{path}' lacks optimizer state '{prefix}.{key}' of {buffer.Length} values; the optimizer differs from the run's");
            t.Data.CopyTo(buffer, 0);
        }
        if (meta.TryGetValue($"{prefix}.steps", out var steps)) optimizer.Steps = long.Parse(steps, CultureInfo.InvariantCulture);
        if (meta.TryGetValue($"{prefix}.lr", out var lr)) optimizer.LearningRate = float.Parse(lr, CultureInfo.InvariantCulture);
    }

    private static void CheckName(string name)
    {
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains(".."))
            throw new ArgumentException($"invalid checkpoint name '{name}': use a name like t11 or v51");
    }
}
