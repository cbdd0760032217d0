namespace MannRl.Config;

/// <summary>
/// A configuration error: the message names the file, the key, the problem and the fix, in one sentence or two.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates an error about <paramref name="key"/> (null for the file as a whole).</summary>
    public ConfigException(string source, string? key, int? line, string message)
        : this(source, key, line, message, null)
    {
    }

    private ConfigException(string source, string? key, int? line, string message, Exception? inner)
        : base(Compose(source, key, line, message), inner)
    {
        ConfigSource = source;
        Key = key;
        Line = line;
        Problem = message;
    }

    /// <summary>The file name (or other source) the configuration came from.</summary>
    public string ConfigSource { get; }

    /// <summary>The key at fault, or null when the problem is the file as a whole.</summary>
    public string? Key { get; }

    /// <summary>1-based line of the key in the file, when known.</summary>
    public int? Line { get; }

    /// <summary>The problem and its fix, without the source and key the message starts with.</summary>
    public string Problem { get; }

    /// <summary>
    /// The same error without its line: for a value parsed on its own (a <c>--set</c> override), whose line is that of
    /// the value's own text, not of any file.
    /// </summary>
    public ConfigException WithoutLine() => Line is null ? this : new(ConfigSource, Key, null, Problem, this);

    private static string Compose(string source, string? key, int? line, string message)
    {
        string where = line is int l ? $"{source}, line {l}" : source;
        return key is null ? $"{where}: {message}" : $"{where}: key '{key}': {message}";
    }
}
