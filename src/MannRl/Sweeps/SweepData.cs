using MannRl.Config;

namespace MannRl.Sweeps;

/// <summary>
/// Data a task writes on first use (the logic task generates its data set from the run's seed and caches it in the
/// data directory) is made once, before the runs start side by side: otherwise concurrent runs would race to
/// generate it, each from its own seed, and which data a run saw would depend on timing. Every run of a sweep then
/// reads the same file.
/// </summary>
public static class SweepData
{
    /// <summary>Datasets whose data is generated into the data directory when absent.</summary>
    public static IReadOnlyList<string> GeneratedOnFirstUse { get; } = ["logic"];

    /// <summary>Loads (so generates where absent) the data of the first run of each such dataset.</summary>
    public static void Prepare(SweepManifest manifest, Action<string>? log)
    {
        var seen = new HashSet<string>();
        foreach (var run in manifest.Runs)
        {
            var config = ConfigLoader.Parse(run.Config, $"{SweepManifest.FileName}, run {run.Index}").Config;
            if (GeneratedOnFirstUse.Contains(config.Dataset) && seen.Add(config.Dataset))
                Experiment.LoadData(config, manifest.DataDirectory, log);
        }
    }
}
