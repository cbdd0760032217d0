namespace MannRl.Tests.Config;

/// <summary>
/// Config files of the original (GenAIz/neuralmemory), verbatim, to prove they all load: the fixtures in
/// <c>Config/Original/</c> (provenance in its README), copied next to the test assembly.
/// </summary>
internal static class OriginalConfigs
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Config", "Original");

    /// <summary>config/logic/logic_m_best.yaml (newest).</summary>
    public static string LogicMBest => Read("logic/logic_m_best.yaml");

    /// <summary>config/pos/udpos_m_best.yaml (newest).</summary>
    public static string UdposMBest => Read("pos/udpos_m_best.yaml");

    /// <summary>config/mt/wmt2014_en_m_best.yaml (newest): the old keys gamma / dampen_losses.</summary>
    public static string Wmt2014EnMBest => Read("mt/wmt2014_en_m_best.yaml");

    /// <summary>config/mt/wmt2014_en_m_5k.yaml (newest): parallel nets, "note".</summary>
    public static string Wmt2014EnM5k => Read("mt/wmt2014_en_m_5k.yaml");

    /// <summary>config/logic/logic.yaml (earliest): keys of an older trainer.</summary>
    public static string Logic => Read("logic/logic.yaml");

    /// <summary>Every fixture as (original path, text), in a fixed order.</summary>
    public static IEnumerable<object[]> All() =>
        Directory.EnumerateFiles(Folder, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { "config/" + name, Read(name) });

    private static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));
}
