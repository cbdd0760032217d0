namespace MannRl.Config;

/// <summary>
/// A configuration error: the message names the file, the key, the problem and the fix, in one sentence or two.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates an error about <paramref name="key"/> (null for the file as a whole).</summary>
    public ConfigException(string source, string? key, int? line, string message)
        : base(Compose(source, key, line, message))
    {
        ConfigSource = source;
        Key = key;
        Line = line;
    }

    /// <summary>The file name (or other source) the configuration came from.</summary>
    public string ConfigSource { get; }

    /// <summary>The key at fault, or null when the problem is the file as a whole.</summary>
    public string? Key { get; }

    /// <summary>1-based line of the key in the file, when known.</summary>
    public int? Line { get; }

    private static string Compose(string source, string? key, int? line, string message)
    {
        string where = line is int l ? $"{source}, line {l}" : source;
        return key is null ? $"{where}: {message}" : $"{where}: key '{key}': {message}";
    }
}
