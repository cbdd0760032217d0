using MannRl.Config;

namespace MannRl.Reports;

/// <summary>
/// The key/value lines of an effective config as <see cref="ConfigWriter"/> writes it (one <c>key: value</c> per
/// line, in <see cref="ConfigKeys.Known"/> order, values as written), for comparing configs by their text.
/// </summary>
public static class ConfigValues
{
    /// <summary>The values of <paramref name="yaml"/> in file order; comment and blank lines are skipped.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string yaml)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var raw in yaml.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#') || char.IsWhiteSpace(line[0])) continue;
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0) continue;
            values.Add(new(line[..colon], line[(colon + 2)..]));
        }
        return values;
    }

    /// <summary>The values of a config with every key at its default.</summary>
    public static IReadOnlyDictionary<string, string> Defaults() =>
        Parse(ConfigWriter.ToYaml(new ExperimentConfig())).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>The values of a run directory's <c>config.yaml</c>, or none when it has no such file.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> OfRun(string runDir)
    {
        var path = Path.Combine(runDir, MannRl.Runs.RunFiles.Config);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : [];
    }
}
