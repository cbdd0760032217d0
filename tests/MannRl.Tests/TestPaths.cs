namespace MannRl.Tests;

/// <summary>Locations the tests read: the repository root and the shared data next to it.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The folder holding MannRl.slnx, found by walking up from the test binaries.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>Where the shared data directory belongs: <c>../shared/data</c> from the repository root.</summary>
    public static string SharedDataLocation => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>
    /// The shared data directory. A test that reads it starts with <see cref="Requires.SharedData"/> (and is a
    /// <c>[SkippableFact]</c>): without it, a fresh clone would fail here instead of skipping, and a loader that generates
    /// missing data would write outside the repository.
    /// </summary>
    public static string SharedData => Directory.Exists(SharedDataLocation)
        ? SharedDataLocation
        : throw new InvalidOperationException($"'{SharedDataLocation}' is absent: start the test with Requires.SharedData()");

    /// <summary>The original logic data set.</summary>
    public static string LogicDatasetFile => Path.Combine(SharedData, "logic", "logic.dataset.json");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MannRl.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no MannRl.slnx above {AppContext.BaseDirectory}");
    }
}
