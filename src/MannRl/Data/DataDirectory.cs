namespace MannRl.Data;

/// <summary>
/// Where the data sets live: <c>--data-dir</c>, else the original's environment variable <c>NM_DATA_DIR</c>, else
/// <c>./data</c>. Tasks read (and cache) their files below it, e.g. <c>logic/logic.dataset.json</c>.
/// </summary>
public static class DataDirectory
{
    /// <summary>The environment variable the original read its data directory from.</summary>
    public const string EnvironmentVariable = "NM_DATA_DIR";

    /// <summary>The default data directory, <c>./data</c>, as a full path: the one directory a task may create by itself.</summary>
    public static string Default => Path.GetFullPath("data");

    /// <summary>The full path of the data directory for a command-line value (null or empty when not given).</summary>
    public static string Resolve(string? cliValue) => Resolve(cliValue, Environment.GetEnvironmentVariable);

    internal static string Resolve(string? cliValue, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(cliValue)) return Path.GetFullPath(cliValue);
        string? fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        return Default;
    }
}
