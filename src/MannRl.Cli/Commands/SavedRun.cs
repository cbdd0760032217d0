using MannRl.Checkpoints;
using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Cli.Commands;

/// <summary>A finished run opened for evaluation: its config, its data and the networks of one checkpoint.</summary>
internal sealed record SavedRun(string RunDir, string CheckpointName, ExperimentConfig Config, SequenceDataset Data, ActionNet Action, MemoryNet Memory)
{
    public static SavedRun Open(string runDir, string? dataDirOption, string? checkpoint)
    {
        if (!Directory.Exists(runDir)) throw new UsageException($"run directory '{runDir}' does not exist; pass the RUNDIR given to 'mannrl train'");
        var configPath = Path.Combine(runDir, "config.yaml");
        if (!File.Exists(configPath)) throw new UsageException($"'{runDir}' has no config.yaml; is it a run directory written by 'mannrl train'?");
        var config = ConfigLoader.Load(configPath).Config;
        var checkpoints = Path.Combine(runDir, "checkpoints");
        var name = checkpoint ?? Latest(checkpoints)
            ?? throw new UsageException($"'{runDir}' has no checkpoint yet (checkpoints are saved at evaluations); train longer or pass another run");
        if (!Checkpoint.List(checkpoints).Contains(name))
            throw new UsageException($"no checkpoint '{name}' in '{checkpoints}'; available: {string.Join(", ", Checkpoint.List(checkpoints))}");
        string dataDir = dataDirOption is not null ? DataDirectory.Resolve(dataDirOption) : RunInfo.DataDir(runDir) ?? DataDirectory.Resolve(null);
        var data = Experiment.LoadData(config, dataDir, null);
        var nets = MannNetworks.Create(config, data.InputDim, data.TargetDim, data.LearnedEmbeddingDim, new Rng(config.Seed));
        Checkpoint.Load(checkpoints, name, nets.Action, nets.Memory);
        return new SavedRun(runDir, name, config, data, nets.Action, nets.Memory);
    }

    private static string? Latest(string checkpoints)
    {
        var latest = Path.Combine(checkpoints, "latest");
        if (File.Exists(latest)) return File.ReadAllText(latest).Trim();
        return Checkpoint.List(checkpoints).LastOrDefault();
    }

    public IReadOnlyList<Sequence> SplitSequences(string split) => split switch
    {
        "train" or "validation" or "test" => Data.Split(split),
        _ => throw new UsageException($"unknown split '{split}': use train, validation or test"),
    };
}
