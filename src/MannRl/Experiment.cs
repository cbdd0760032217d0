using MannRl.Config;
using MannRl.Data;

namespace MannRl;

/// <summary>The steps every command shares: the config (file or built-in), validated against its data.</summary>
public static class Experiment
{
    /// <summary>The built-in config used when none is given: the original's best logic settings.</summary>
    public const string DefaultConfig = "configs/logic/logic_m_best.yaml";

    /// <summary>
    /// Loads a config file or built-in config (<see cref="ConfigLoader.Resolve"/>), or the built-in default when
    /// <paramref name="reference"/> is null.
    /// </summary>
    public static LoadedConfig LoadConfig(string? reference) => reference is null ? ConfigLoader.BuiltIn(DefaultConfig) : ConfigLoader.Resolve(reference);

    /// <summary>
    /// Loads a config as <see cref="LoadConfig(string?)"/> does and applies command-line overrides <c>key=value</c>
    /// (<see cref="ConfigLoader.ApplyOverrides"/>): the same key and type checks as the file; range errors found later
    /// by <see cref="ExperimentConfig.Validate"/> name the overrides as their source.
    /// </summary>
    public static LoadedConfig LoadConfig(string? reference, IReadOnlyList<string> overrides)
    {
        var loaded = LoadConfig(reference);
        if (overrides.Count == 0) return loaded;
        string source = $"{loaded.Config.Source} with --set {string.Join(" --set ", overrides)}";
        var applied = ConfigLoader.ApplyOverrides(loaded.Config, overrides, "--set");
        return new LoadedConfig(applied.Config with { Source = source }, [.. loaded.Warnings, .. applied.Warnings]);
    }

    /// <summary>
    /// Validates the config, loads its data and checks (or fills in) input_dim and target_dim. With
    /// <paramref name="training"/> it refuses, before and after loading the data, a config whose
    /// <see cref="MemoryEstimate"/> does not fit in the memory the process may use, and data too small to train on
    /// (<see cref="TrainingDataCheck"/>). With <paramref name="writeCaches"/> false nothing is written into
    /// <paramref name="dataDir"/> (see <see cref="TaskLoader.Load"/>).
    /// </summary>
    /// <exception cref="ConfigException">The config is invalid, does not fit the data, or does not fit in memory.</exception>
    /// <exception cref="InvalidDataException">The data is missing, malformed or too small to train on.</exception>
    public static SequenceDataset LoadData(ExperimentConfig config, string dataDir, Action<string>? log, bool training = true, bool writeCaches = true)
    {
        config.Validate();
        if (training) MemoryEstimate.Of(config).EnsureFits(config.Source);
        var data = TaskLoader.Load(config, dataDir, log, writeCaches);
        config.ValidateAgainstData(data.InputDim, data.TargetDim);
        if (training)
        {
            TrainingDataCheck.Check(config, data, log);
            MemoryEstimate.Of(config, data.InputDim, data.TargetDim).EnsureFits(config.Source);
        }
        return data;
    }
}
