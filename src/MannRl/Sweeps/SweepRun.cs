using System.Text.Json.Serialization;

namespace MannRl.Sweeps;

/// <summary>
/// One run of a sweep: a setting and a seed, with the effective config it trains. Its run directory is
/// <c>OUTDIR/runs/SETTING/seed=N</c>.
/// </summary>
/// <param name="Index">Its place in the manifest (stable: a Slurm array task id); new runs of an extended sweep come last.</param>
/// <param name="Setting">The setting's readable name: the values that vary across the sweep, e.g. <c>history=6,memory_dim=16</c>.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Overrides">Every override applied to the base config (the sweep's, the setting's, the grid's).</param>
/// <param name="Config">The effective config as YAML (<see cref="Config.ConfigWriter.ToYaml"/>), seed included.</param>
public sealed record SweepRun(int Index, string Setting, ulong Seed, IReadOnlyList<Override> Overrides, string Config)
{
    /// <summary>The run's name: <c>SETTING/seed=N</c>.</summary>
    public string Name => $"{Setting}/seed={Seed}";

    /// <summary>The run directory relative to the sweep's folder.</summary>
    public string Directory => Path.Combine("runs", Setting, $"seed={Seed}");

    /// <summary>The config without comment lines: two runs with equal identities train the same thing.</summary>
    [JsonIgnore]
    public string Identity => string.Join('\n', Config.Split('\n').Where(l => !l.StartsWith('#')));
}
