using System.Globalization;
using MannRl.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MannRl.Sweeps;

/// <summary>
/// Reads sweep files. A sweep file is a YAML mapping with the keys
/// <list type="bullet">
/// <item><c>base</c>: the base config, a path (relative to the sweep file) or a built-in name such as
/// <c>logic/logic_m_best</c>; default: the built-in default config;</item>
/// <item><c>seeds</c>: a list of seeds, or a count N meaning 1..N; default: the base config's seed;</item>
/// <item><c>set</c>: config overrides for every run;</item>
/// <item><c>settings</c>: a list of settings, each a mapping of config overrides plus an optional <c>name</c> and
/// <c>base</c>;</item>
/// <item><c>grid</c>: config keys mapped to lists of values; every combination runs, for every setting.</item>
/// </list>
/// Keys and value types are checked as in a config file; ranges are checked when the sweep is expanded.
/// </summary>
public static class SweepFile
{
    /// <summary>The top-level keys of a sweep file.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["base", "seeds", "set", "settings", "grid"];

    /// <summary>Reads the sweep file at <paramref name="path"/>.</summary>
    public static SweepDefinition Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new ConfigException(path, null, null, "the sweep file does not exist; check the path (shipped sweeps are in sweeps/)");
        return Parse(File.ReadAllText(full), full, Path.GetDirectoryName(full)!);
    }

    /// <summary>Parses sweep YAML; <paramref name="source"/> names it in messages, relative paths resolve in
    /// <paramref name="directory"/>.</summary>
    public static SweepDefinition Parse(string yaml, string source, string directory)
    {
        string name = Path.GetFileName(source);
        YamlMappingNode root = ReadRoot(yaml, name);
        string? baseConfig = null;
        IReadOnlyList<ulong>? seeds = null;
        IReadOnlyList<Override> common = [];
        IReadOnlyList<SweepSetting> settings = [new SweepSetting(null, null, [])];
        IReadOnlyList<GridAxis> grid = [];
        foreach (var (keyNode, value) in root.Children)
        {
            int line = Line(keyNode);
            string key = keyNode is YamlScalarNode { Value: { } k } ? k : throw new ConfigException(name, null, line, "a key must be a plain name such as grid");
            switch (key)
            {
                case "base": baseConfig = ReadString(name, key, value); break;
                case "seeds": seeds = ReadSeeds(name, value); break;
                case "set": common = ReadOverrides(name, key, Mapping(name, key, value, "a mapping of config keys to values, e.g. {epochs: 2}"), []); break;
                case "settings": settings = ReadSettings(name, value); break;
                case "grid": grid = ReadGrid(name, value); break;
                default:
                    throw new ConfigException(name, key, line, $"unknown sweep key; a sweep file has {string.Join(", ", Keys)} "
                        + "(config keys go under set, settings or grid)");
            }
        }
        if (seeds is not null)
        {
            var seedKey = common.Concat(settings.SelectMany(s => s.Overrides)).Select(o => o.Key).Concat(grid.Select(a => a.Key))
                .FirstOrDefault(k => k == "seed");
            if (seedKey is not null)
                throw new ConfigException(name, "seed", null, "the sweep's seeds set the seed of every run; remove 'seed' from set, settings and grid");
        }
        var duplicate = grid.GroupBy(a => a.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ConfigException(name, duplicate.Key, null, "the grid names the key twice; keep one");
        return new SweepDefinition(source, directory, baseConfig, seeds, common, settings, grid);
    }

    private static YamlMappingNode ReadRoot(string yaml, string name)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            string problem = e.InnerException?.Message ?? e.Message;
            throw new ConfigException(name, null, (int)e.Start.Line, $"not valid YAML ({problem}); fix the syntax there");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigException(name, null, null, "a sweep file is one YAML mapping, e.g. base: logic/logic_m_best, seeds: 5, grid: {history: [6, 12]}");
        return root;
    }

    private static IReadOnlyList<ulong> ReadSeeds(string name, YamlNode value)
    {
        const string Expected = "a list of seeds, e.g. [1, 2, 3], or a count, e.g. 5 for seeds 1..5";
        if (value is YamlScalarNode one)
        {
            if (!int.TryParse(one.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1 || count > 1000)
                throw new ConfigException(name, "seeds", Line(value), $"expected {Expected}, got {YamlValueReader.Render(value)}");
            return Enumerable.Range(1, count).Select(i => (ulong)i).ToArray();
        }
        if (value is not YamlSequenceNode list || list.Children.Count == 0)
            throw new ConfigException(name, "seeds", Line(value), $"expected {Expected}, got {YamlValueReader.Render(value)}");
        var seeds = new List<ulong>();
        foreach (var item in list.Children)
        {
            if (item is not YamlScalarNode s || !ulong.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
                throw new ConfigException(name, "seeds", Line(item), $"{YamlValueReader.Render(item)} is not a seed; seeds are non-negative integers");
            if (seeds.Contains(seed)) throw new ConfigException(name, "seeds", Line(item), $"seed {seed} is listed twice; list each seed once");
            seeds.Add(seed);
        }
        return seeds;
    }

    private static IReadOnlyList<SweepSetting> ReadSettings(string name, YamlNode value)
    {
        if (value is not YamlSequenceNode list || list.Children.Count == 0)
            throw new ConfigException(name, "settings", Line(value),
                "expected a list of settings, e.g. [{name: small, memory_dim: 16}, {name: large, memory_dim: 96}]");
        var settings = new List<SweepSetting>();
        foreach (var item in list.Children)
        {
            var mapping = Mapping(name, "settings", item, "a mapping of config keys to values, with an optional name and base");
            string? settingName = null, settingBase = null;
            foreach (var (k, v) in mapping.Children)
            {
                if (k is YamlScalarNode { Value: "name" }) settingName = SettingName(name, v);
                else if (k is YamlScalarNode { Value: "base" }) settingBase = ReadString(name, "base", v);
            }
            settings.Add(new SweepSetting(settingName, settingBase, ReadOverrides(name, "settings", mapping, ["name", "base"])));
        }
        var twice = settings.Where(s => s.Name is not null).GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ConfigException(name, "settings", null, $"two settings are named '{twice.Key}'; give each its own name");
        return settings;
    }

    private static IReadOnlyList<GridAxis> ReadGrid(string name, YamlNode value)
    {
        var mapping = Mapping(name, "grid", value, "a mapping of config keys to lists of values, e.g. {history: [6, 12]}");
        var axes = new List<GridAxis>();
        foreach (var (k, v) in mapping.Children)
        {
            string key = ConfigKey(name, k);
            if (v is not YamlSequenceNode values || values.Children.Count == 0)
                throw new ConfigException(name, key, Line(v), $"a grid key takes a list of values, e.g. {key}: [a, b]; got {YamlValueReader.Render(v)}");
            var texts = values.Children.Select(YamlValueReader.Render).ToArray();
            var twice = texts.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) throw new ConfigException(name, key, Line(v), $"the value {twice.Key} is listed twice; list each value once");
            axes.Add(new GridAxis(key, texts));
        }
        return axes;
    }

    private static List<Override> ReadOverrides(string name, string section, YamlMappingNode mapping, string[] skip)
    {
        var overrides = new List<Override>();
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } s } && skip.Contains(s)) continue;
            overrides.Add(new Override(ConfigKey(name, k), YamlValueReader.Render(v)));
        }
        return overrides;
    }

    private static string ConfigKey(string name, YamlNode keyNode)
    {
        if (keyNode is not YamlScalarNode { Value: { } key })
            throw new ConfigException(name, null, Line(keyNode), "a key must be a plain name such as history");
        key = ConfigKeys.Aliases.GetValueOrDefault(key, key);
        if (ConfigKeys.IsKnown(key)) return key;
        throw new ConfigException(name, key, Line(keyNode), $"unknown config key; the closest known key is '{ConfigKeys.Closest(key)}'");
    }

    private static string SettingName(string name, YamlNode value)
    {
        string s = ReadString(name, "name", value);
        if (s.Length == 0 || s.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+' or '=')) || s.StartsWith('.'))
            throw new ConfigException(name, "name", Line(value), $"'{s}' is not a usable setting name (it names a folder); use letters, digits and - _ . + =");
        return s;
    }

    private static string ReadString(string name, string key, YamlNode value) =>
        value is YamlScalarNode { Value: { Length: > 0 } s } ? s
            : throw new ConfigException(name, key, Line(value), $"expected a name or path, got {YamlValueReader.Render(value)}");

    private static YamlMappingNode Mapping(string name, string key, YamlNode value, string expected) =>
        value as YamlMappingNode ?? throw new ConfigException(name, key, Line(value), $"expected {expected}; got {YamlValueReader.Render(value)}");

    private static int Line(YamlNode node) => YamlValueReader.Line(node);
}
