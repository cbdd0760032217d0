using System.Text;
using MannRl.Config;

namespace MannRl.Sweeps;

/// <summary>A sweep's runs, and the warnings met while loading its configs.</summary>
/// <param name="Runs">Settings in file order (grid combinations with the first key slowest), seeds innermost.</param>
/// <param name="Warnings">Config warnings (old key names, ignored keys), one line each.</param>
public sealed record ExpandedSweep(IReadOnlyList<SweepRun> Runs, IReadOnlyList<string> Warnings);

/// <summary>
/// Expands a <see cref="SweepDefinition"/> into runs: every listed setting times every grid combination times every
/// seed. Each setting's config is the base with the overrides applied through
/// <see cref="ConfigLoader.ApplyOverrides"/> and then validated, so a bad value fails before anything runs.
/// </summary>
public static class SweepExpansion
{
    /// <summary>Expands <paramref name="sweep"/>; throws <see cref="ConfigException"/> for a bad key or value.</summary>
    public static ExpandedSweep Expand(SweepDefinition sweep)
    {
        string file = Path.GetFileName(sweep.Source);
        var warnings = new List<string>();
        var bases = new Dictionary<string, ExperimentConfig>();
        var points = new List<(SweepSetting Setting, string BaseRef, List<Override> Own, List<Override> Grid)>();
        foreach (var setting in sweep.Settings)
        {
            string baseRef = setting.Base ?? sweep.Base ?? Experiment.DefaultConfig;
            if (!bases.ContainsKey(baseRef))
            {
                var loaded = LoadBase(baseRef, sweep.Directory);
                warnings.AddRange(loaded.Warnings);
                bases[baseRef] = loaded.Config;
            }
            foreach (var combination in Combinations(sweep.Grid))
                points.Add((setting, baseRef, setting.Overrides.ToList(), combination));
        }

        string[] names = Names(points.Select(p => (p.Setting.Name, BaseName(p.BaseRef), p.Own, p.Grid)).ToList(), file);
        var runs = new List<SweepRun>();
        for (int i = 0; i < points.Count; i++)
        {
            var (_, baseRef, own, grid) = points[i];
            var overrides = sweep.Common.Concat(own).Concat(grid).ToList();
            var applied = ConfigLoader.ApplyOverrides(bases[baseRef], overrides.Select(o => o.Assignment), $"{file}, setting {names[i]}");
            foreach (string w in applied.Warnings) if (!warnings.Contains(w)) warnings.Add(w);
            ExperimentConfig config = applied.Config with { Source = $"{file}, setting {names[i]} (base {baseRef})" };
            config.Validate();
            foreach (ulong seed in sweep.Seeds ?? [config.Seed])
            {
                var seeded = config with { Seed = seed };
                runs.Add(new SweepRun(runs.Count, names[i], seed, overrides, ConfigWriter.ToYaml(seeded)));
            }
        }
        return new ExpandedSweep(runs, warnings);
    }

    /// <summary>A base config: a file relative to the sweep file's folder, else a built-in config of that name.</summary>
    internal static LoadedConfig LoadBase(string reference, string directory) => ConfigLoader.Resolve(reference, directory);

    /// <summary>
    /// Readable, unique names: a named setting keeps its name; otherwise the <c>key=value</c> pairs whose values differ
    /// between settings, in first-seen order (the base config counts as key <c>base</c>); the grid's varying keys are
    /// appended. With nothing varying, the base config's name.
    /// </summary>
    internal static string[] Names(IReadOnlyList<(string? Name, string Base, List<Override> Own, List<Override> Grid)> points, string file)
    {
        static List<Override> All((string? Name, string Base, List<Override> Own, List<Override> Grid) p) =>
            [new Override("base", p.Base), .. p.Own, .. p.Grid];
        var keys = new List<string>();
        foreach (var p in points)
            foreach (var o in All(p))
                if (!keys.Contains(o.Key)) keys.Add(o.Key);
        var varying = keys.Where(k => points.Select(p => All(p).FirstOrDefault(o => o.Key == k)?.Value).Distinct().Count() > 1).ToHashSet();
        var names = new string[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var parts = new List<string>();
            if (p.Name is not null) parts.Add(p.Name);
            var own = p.Name is null ? All(p).Take(1 + p.Own.Count) : [];
            foreach (var o in own.Concat(p.Grid))
                if (varying.Contains(o.Key)) parts.Add(o.Key == "base" ? Clean(o.Value) : $"{o.Key}={Clean(o.Value)}");
            names[i] = parts.Count > 0 ? string.Join(',', parts) : Clean(p.Base);
        }
        var twice = names.Select((n, i) => (n, i)).GroupBy(x => x.n).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ConfigException(file, "settings", null,
                $"settings {string.Join(" and ", twice.Select(x => x.i + 1))} get the same name '{twice.Key}'; give them different names (name: ...)");
        return names;
    }

    /// <summary>Every combination of the grid's values, the first key slowest; one empty combination without a grid.</summary>
    private static IEnumerable<List<Override>> Combinations(IReadOnlyList<GridAxis> grid)
    {
        IEnumerable<List<Override>> result = [[]];
        foreach (var axis in grid)
            result = result.SelectMany(prefix => axis.Values.Select(v => new List<Override>(prefix) { new(axis.Key, v) })).ToList();
        return result;
    }

    private static string BaseName(string reference) => Path.GetFileNameWithoutExtension(reference.Replace('\\', '/'));

    /// <summary>A value as a folder-name part: brackets, quotes and spaces dropped, separators as '-'.</summary>
    private static string Clean(string value)
    {
        var s = new StringBuilder();
        foreach (char c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+' or '-') s.Append(c);
            else if (c is ',' or '/' or ':' or ';' or '|' or '\\') s.Append('-');
        }
        return s.Length == 0 ? "empty" : s.ToString();
    }
}
