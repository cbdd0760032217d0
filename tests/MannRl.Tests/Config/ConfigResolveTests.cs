using MannRl.Config;

namespace MannRl.Tests.Config;

/// <summary>One resolver for every config a user names: a file first, else a built-in config.</summary>
public sealed class ConfigResolveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-resolve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("logic/logic_m_resets")]
    [InlineData("logic_m_resets")]
    [InlineData("configs/logic/logic_m_resets.yaml")]
    public void ANameThatIsNoFileIsABuiltInConfig(string name)
    {
        Assert.Equal("built-in:logic/logic_m_resets", ConfigLoader.Resolve(name).Config.Source);
    }

    [Fact]
    public void AFileWinsOverABuiltInOfTheSameNameAndTheNamingFilesFolderComesFirst()
    {
        string folder = Path.Combine(_dir, "sweeps");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "logic_m_best.yaml"), "history: 20\nmem_num_samples: 4\n");
        Assert.Equal(20, ConfigLoader.Resolve("logic_m_best.yaml", folder).Config.History);
        Assert.Equal("built-in:logic/logic_m_best", ConfigLoader.Resolve("logic_m_best.yaml", _dir).Config.Source);
    }

    [Theory]
    [InlineData("missing.yaml", "does not exist")]
    [InlineData("./logic_m_best", "does not exist")]
    [InlineData("logic_m_bets", "no such built-in config")]
    public void NeitherFileNorBuiltInSaysWhichItLookedFor(string reference, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Resolve(reference));
        Assert.Contains(message, e.Message);
        Assert.Contains("logic/logic_m_best", e.Message); // the built-in names are listed either way
    }

    [Fact]
    public void OverridesAreNamedAsTheSourceOfARangeError()
    {
        var loaded = Experiment.LoadConfig("logic_m_best", ["history=1"]);
        Assert.Equal(1, loaded.Config.History);
        var e = Assert.Throws<ConfigException>(loaded.Config.Validate);
        Assert.Contains("built-in:logic/logic_m_best with --set history=1", e.Message);
        Assert.Contains("key 'history'", e.Message);
    }

    [Fact]
    public void EveryShippedConfigStartsWithAOneLineSummary()
    {
        foreach (string name in ConfigLoader.BuiltInNames())
        {
            string first = ConfigLoader.BuiltInText(name).Split('\n')[0];
            Assert.True(first.StartsWith("# ", StringComparison.Ordinal) && first.Length <= 120, $"{name}: first line '{first}'");
        }
    }
}
