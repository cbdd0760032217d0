namespace MannRl.Reports.Curves;

/// <summary>
/// Legend names for runs drawn together: the config values that differ between them (at most
/// <see cref="MaxKeys"/> keys, e.g. <c>mem_gamma=0.9 seed=3</c>), else the run directories' names.
/// </summary>
public static class RunLabels
{
    /// <summary>More differing keys than this make a label too long to read: the directory name is used instead.</summary>
    public const int MaxKeys = 3;

    /// <summary>One label per run directory, in order.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<string> runDirs)
    {
        var names = runDirs.Select(d => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(d)))).ToArray();
        if (runDirs.Count < 2) return names;
        var configs = runDirs.Select(d => ConfigValues.OfRun(d).ToDictionary(kv => kv.Key, kv => kv.Value)).ToArray();
        var keys = configs.SelectMany(c => c.Keys).Distinct()
            .Where(k => configs.Select(c => c.GetValueOrDefault(k, "-")).Distinct().Count() > 1).ToArray();
        if (keys.Length == 0 || keys.Length > MaxKeys) return names;
        var labels = configs.Select(c => string.Join(' ', keys.Select(k => $"{k}={c.GetValueOrDefault(k, "-")}"))).ToArray();
        return labels.Distinct().Count() == labels.Length ? labels : names;
    }
}
