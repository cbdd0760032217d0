using MannRl.Config;
using MannRl.Data;

namespace MannRl;

/// <summary>The steps every command shares: the config (file or built-in), validated against its data.</summary>
public static class Experiment
{
    /// <summary>The built-in config used when none is given: the original's best logic settings.</summary>
    public const string DefaultConfig = "configs/logic/logic_m_best.yaml";

    /// <summary>Loads a config file, or the built-in default when <paramref name="path"/> is null.</summary>
    public static LoadedConfig LoadConfig(string? path) => path is null ? ConfigLoader.BuiltIn(DefaultConfig) : ConfigLoader.Load(path);

    /// <summary>
    /// Validates the config, loads its data and checks (or fills in) input_dim and target_dim. With
    /// <paramref name="training"/> it refuses, before and after loading the data, a config whose
    /// <see cref="MemoryEstimate"/> does not fit in the memory the process may use.
    /// </summary>
    /// <exception cref="ConfigException">The config is invalid, does not fit the data, or does not fit in memory.</exception>
    public static SequenceDataset LoadData(ExperimentConfig config, string dataDir, Action<string>? log, bool training = true)
    {
        config.Validate();
        if (training) MemoryEstimate.Of(config).EnsureFits(config.Source);
        var data = TaskLoader.Load(config, dataDir, log);
        config.ValidateAgainstData(data.InputDim, data.TargetDim);
        if (training) MemoryEstimate.Of(config, data.InputDim, data.TargetDim).EnsureFits(config.Source);
        return data;
    }
}
