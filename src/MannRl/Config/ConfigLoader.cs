using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace MannRl.Config;

/// <summary>A parsed configuration and the warnings found while reading it (old key names, ignored keys).</summary>
/// <param name="Config">The configuration, defaults filled in for absent keys.</param>
/// <param name="Warnings">One line per warning, naming the file, line and key.</param>
public sealed record LoadedConfig(ExperimentConfig Config, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads YAML configs (the original's JSON-like files with comments included) into <see cref="ExperimentConfig"/>.
/// Unknown keys, wrong types, reserved keys and conflicting old/new names are <see cref="ConfigException"/>s; old
/// names and keys the original never read are warnings. Values are not range-checked here: call
/// <see cref="ExperimentConfig.Validate"/>.
/// </summary>
public static class ConfigLoader
{
    private const string ResourcePrefix = "configs/";

    /// <summary>Reads the config file at <paramref name="path"/>.</summary>
    public static LoadedConfig Load(string path)
    {
        string name = Path.GetFileName(path);
        if (Directory.Exists(path))
            throw new ConfigException(path, null, null, "is a directory, not a config file; pass a YAML file such as configs/logic/logic_m_best.yaml");
        if (!File.Exists(path))
            throw new ConfigException(path, null, null, "the file does not exist; check the path, or name a built-in config "
                + $"({string.Join(", ", BuiltInNames())})");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, null, null, $"cannot read the file ({e.Message}); check its permissions (chmod +r) or copy it somewhere readable");
        }
        return Parse(text, name);
    }

    /// <summary>Parses YAML text; <paramref name="sourceName"/> names it in messages.</summary>
    public static LoadedConfig Parse(string yaml, string sourceName)
    {
        YamlMappingNode root = ReadMapping(yaml, sourceName);
        var config = new ExperimentConfig { Source = sourceName };
        var warnings = new List<string>();
        var given = new Dictionary<string, (object? Value, int Line)>();
        var aliased = new List<(string Old, YamlNode Value, int Line)>();

        foreach (var (keyNode, valueNode) in root.Children)
        {
            int line = YamlValueReader.Line(keyNode);
            if (keyNode is not YamlScalarNode { Value: { } key })
                throw new ConfigException(sourceName, YamlValueReader.Render(keyNode), line, "a key must be a plain name such as history");
            if (given.ContainsKey(key) || aliased.Any(a => a.Old == key))
                throw new ConfigException(sourceName, key, line, "the key is given twice; keep one");
            if (ConfigKeys.Aliases.ContainsKey(key)) { aliased.Add((key, valueNode, line)); continue; }
            if (!Classify(sourceName, key, line, warnings)) continue;
            object? value = YamlValueReader.Read(sourceName, key, valueNode);
            ConfigKeys.Property(key).SetValue(config, value);
            given[key] = (value, line);
        }

        foreach (var (old, valueNode, line) in aliased)
        {
            string key = ConfigKeys.Aliases[old];
            object? value = YamlValueReader.Read(sourceName, key, valueNode);
            if (given.TryGetValue(key, out var current))
            {
                if (!Equals(current.Value, value))
                    throw new ConfigException(sourceName, old, line,
                        $"'{old}' is the old name of '{key}' (line {current.Line}) and the two values differ ({value} vs {current.Value}); remove '{old}'");
                warnings.Add($"{sourceName}, line {line}: key '{old}' is the old name of '{key}', which is also given with the same value; remove '{old}'");
                continue;
            }
            ConfigKeys.Property(key).SetValue(config, value);
            given[key] = (value, line);
            warnings.Add($"{sourceName}, line {line}: key '{old}' is the old name of '{key}' (read as {key}: {value}); rename it");
        }
        return new LoadedConfig(config, warnings);
    }

    /// <summary>
    /// Applies command-line overrides <c>key=value</c> (value in YAML syntax: <c>history=16</c>,
    /// <c>mem_lr_rate_decay=[[100,150],0.5]</c>, <c>save_point=null</c>) to a copy of <paramref name="config"/>.
    /// </summary>
    public static LoadedConfig ApplyOverrides(ExperimentConfig config, IEnumerable<string> assignments, string sourceName = "command line")
    {
        ExperimentConfig result = config with { };
        var warnings = new List<string>();
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=');
            if (eq <= 0)
                throw new ConfigException(sourceName, null, null, $"override '{assignment}' is not of the form key=value, e.g. history=16");
            string key = assignment[..eq].Trim();
            string text = assignment[(eq + 1)..];
            if (ConfigKeys.Aliases.TryGetValue(key, out string? renamed))
            {
                warnings.Add($"{sourceName}: key '{key}' is the old name of '{renamed}'; use {renamed}={text}");
                key = renamed;
            }
            if (!Classify(sourceName, key, null, warnings)) continue;
            YamlNode node = string.IsNullOrWhiteSpace(text) ? new YamlScalarNode("") : ReadValue(text, sourceName, key);
            object? value;
            try
            {
                value = YamlValueReader.Read(sourceName, key, node);
            }
            catch (ConfigException e)
            {
                // The value was parsed on its own: its line ("line 1") would point into no file.
                throw e.WithoutLine();
            }
            ConfigKeys.Property(key).SetValue(result, value);
        }
        return new LoadedConfig(result, warnings);
    }

    /// <summary>
    /// Reads the config a user names: a file (relative to <paramref name="directory"/> first, when given, then to the
    /// working directory), else a built-in config of that name (<see cref="BuiltIn"/>). Every command that takes a
    /// config, and a sweep file's <c>base</c>, resolves it here.
    /// </summary>
    /// <param name="reference">A path, or a built-in name such as <c>logic/logic_m_resets</c>.</param>
    /// <param name="directory">The folder of the file that names the config (a sweep file), or null.</param>
    public static LoadedConfig Resolve(string reference, string? directory = null)
    {
        if (directory is not null && Path.Combine(directory, reference) is var relative && File.Exists(relative)) return Load(relative);
        if (File.Exists(reference)) return Load(reference);
        if (BuiltInMatches(reference).Length == 1) return BuiltIn(reference);
        // A name that looks like a file is reported as a missing file, anything else as an unknown built-in name.
        bool looksLikeFile = reference.EndsWith(".yaml", StringComparison.Ordinal) || reference.EndsWith(".yml", StringComparison.Ordinal)
            || reference.StartsWith('.') || Path.IsPathRooted(reference);
        return looksLikeFile ? Load(reference) : BuiltIn(reference);
    }

    /// <summary>Reads a config shipped inside the library, e.g. <c>logic/logic_m_best</c> or
    /// <c>configs/logic/logic_m_best.yaml</c>.</summary>
    public static LoadedConfig BuiltIn(string name)
    {
        string found = BuiltInName(name);
        return Parse(BuiltInText(found), $"built-in:{found}");
    }

    /// <summary>The full name (one of <see cref="BuiltInNames"/>) of the built-in config <paramref name="name"/> means,
    /// e.g. <c>logic/logic_m_resets</c> for <c>logic_m_resets</c>.</summary>
    /// <exception cref="ConfigException">No built-in config, or more than one, has that name.</exception>
    public static string BuiltInName(string name)
    {
        string[] matches = BuiltInMatches(name);
        if (matches.Length != 1)
            throw new ConfigException($"built-in:{name}", null, null, (matches.Length == 0 ? "there is no such built-in config" : "the name is ambiguous")
                + $"; use one of {string.Join(", ", BuiltInNames())}, or give a file path");
        return matches[0];
    }

    /// <summary>The text of a built-in config (any name <see cref="BuiltInName"/> accepts), comments included.</summary>
    public static string BuiltInText(string name)
    {
        Assembly assembly = typeof(ConfigLoader).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(ResourcePrefix + BuiltInName(name) + ".yaml")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The built-in names <paramref name="name"/> can mean: the full name, or its file name alone, with or
    /// without <c>configs/</c> and <c>.yaml</c>.</summary>
    private static string[] BuiltInMatches(string name)
    {
        string wanted = name.Replace('\\', '/');
        if (wanted.StartsWith(ResourcePrefix, StringComparison.Ordinal)) wanted = wanted[ResourcePrefix.Length..];
        if (!wanted.EndsWith(".yaml", StringComparison.Ordinal)) wanted += ".yaml";
        return BuiltInNames()
            .Where(n => n + ".yaml" == wanted || n.EndsWith("/" + wanted, StringComparison.Ordinal) || Path.GetFileName(n) + ".yaml" == wanted)
            .ToArray();
    }

    /// <summary>Names of the built-in configs, e.g. <c>logic/logic_m_best</c>.</summary>
    public static IReadOnlyList<string> BuiltInNames() => typeof(ConfigLoader).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>True for a key to read; false (with a warning) for an ignored key; throws for reserved and unknown keys.</summary>
    private static bool Classify(string source, string key, int? line, List<string> warnings)
    {
        if (ConfigKeys.IsKnown(key)) return true;
        string where = line is int l ? $"{source}, line {l}" : source;
        if (ConfigKeys.Ignored.TryGetValue(key, out string? what))
        {
            warnings.Add($"{where}: key '{key}' is ignored: the original never read it ({what})");
            return false;
        }
        if (ConfigKeys.Reserved.TryGetValue(key, out string? why))
            throw new ConfigException(source, key, line, $"the key is reserved: {why}; remove it from the config");
        string closest = ConfigKeys.Closest(key);
        throw new ConfigException(source, key, line,
            $"unknown key; the closest known key is '{closest}': fix the spelling or remove the key");
    }

    private static YamlMappingNode ReadMapping(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            if (FindDuplicateKey(yaml) is var (key, line))
                throw new ConfigException(source, key, line, "the key is given twice; keep one");
            string problem = e.InnerException?.Message ?? e.Message;
            throw new ConfigException(source, null, (int)e.Start.Line, $"not valid YAML ({problem}); fix the syntax there");
        }
        if (stream.Documents.Count == 0)
            throw new ConfigException(source, null, null, "the config is empty; write a mapping of keys to values, e.g. history: 12");
        if (stream.Documents.Count > 1)
            throw new ConfigException(source, null, YamlValueReader.Line(stream.Documents[1].RootNode),
                "the file holds more than one YAML document; keep one mapping of keys to values");
        YamlNode root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode mapping) return mapping;
        string kind = root is YamlSequenceNode ? "a list" : $"the value {YamlValueReader.Render(root)}";
        throw new ConfigException(source, null, YamlValueReader.Line(root),
            $"the config must be a mapping of keys to values (e.g. history: 12), but it is {kind}");
    }

    /// <summary>The first repeated top-level key and its line (the representation model only says "duplicate key").</summary>
    private static (string Key, int Line)? FindDuplicateKey(string yaml)
    {
        var seen = new HashSet<string>();
        var parser = new Parser(new StringReader(yaml));
        int depth = 0;
        bool atKey = true;
        try
        {
            while (parser.MoveNext())
            {
                ParsingEvent e = parser.Current!;
                if (depth == 1 && e is NodeEvent)
                {
                    if (atKey && e is Scalar { Value: var key } && !seen.Add(key)) return (key, (int)e.Start.Line);
                    atKey = !atKey;
                }
                if (e is MappingStart or SequenceStart) depth++;
                else if (e is MappingEnd or SequenceEnd) depth--;
            }
        }
        catch (YamlException)
        {
            // a syntax error after the keys seen so far: report it as such
        }
        return null;
    }

    private static YamlNode ReadValue(string text, string source, string key)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigException(source, key, null, $"the value '{text}' is not valid YAML ({e.Message}); quote it or fix the syntax");
        }
        return stream.Documents.Count == 0 ? new YamlScalarNode("") : stream.Documents[0].RootNode;
    }
}
