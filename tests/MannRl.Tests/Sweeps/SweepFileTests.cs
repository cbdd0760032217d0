using MannRl.Config;
using MannRl.Sweeps;

namespace MannRl.Tests.Sweeps;

public sealed class SweepFileTests
{
    private static SweepDefinition Parse(string yaml) => SweepFile.Parse(yaml, "/tmp/s.yaml", "/tmp");

    [Fact]
    public void ExpandsSettingsTimesGridTimesSeedsWithReadableNames()
    {
        var sweep = Parse("""
            base: logic/logic_m_best
            seeds: 2
            set: {epochs: 2, mem_num_samples: 4}
            grid:
              history: [6, 12]
              memory_dim: [16]
            """);
        var runs = SweepExpansion.Expand(sweep).Runs;
        Assert.Equal(["history=6/seed=1", "history=6/seed=2", "history=12/seed=1", "history=12/seed=2"], runs.Select(r => r.Name));
        Assert.Equal([0, 1, 2, 3], runs.Select(r => r.Index));
        Assert.Contains("history: 12\n", runs[2].Config);
        Assert.Contains("memory_dim: 16\n", runs[2].Config);
        Assert.Contains("epochs: 2\n", runs[2].Config);
        Assert.Contains("seed: 2\n", runs[3].Config);
        Assert.Equal(Path.Combine("runs", "history=12", "seed=2"), runs[3].Directory);
    }

    [Fact]
    public void NamedSettingsWithOwnBasesKeepTheirNamesAndGridValues()
    {
        var sweep = Parse("""
            seeds: [7]
            settings:
              - {name: best, base: logic/logic_m_best}
              - {name: resets, base: logic/logic_m_resets, mem_learning_rate: 0.0001}
            grid: {use_swish: [true, false]}
            """);
        var runs = SweepExpansion.Expand(sweep).Runs;
        Assert.Equal(["best,use_swish=true/seed=7", "best,use_swish=false/seed=7", "resets,use_swish=true/seed=7", "resets,use_swish=false/seed=7"],
            runs.Select(r => r.Name));
        Assert.Contains("mem_reset_probability: 0.2\n", runs[2].Config);
        Assert.Contains("mem_learning_rate: 0.0001\n", runs[2].Config);
        Assert.Contains("mem_reset_probability: 0.0\n", runs[0].Config);
    }

    [Fact]
    public void UnnamedSettingsAreNamedByTheValuesThatDiffer()
    {
        var sweep = Parse("""
            settings:
              - {memory_dim: 16, history: 10}
              - {memory_dim: 32, history: 10}
              - {memory_dim: 32, history: 10, mem_lr_rate_decay: [[100, 150], 0.5]}
            """);
        var runs = SweepExpansion.Expand(sweep).Runs;
        Assert.Equal(["memory_dim=16/seed=13", "memory_dim=32/seed=13", "memory_dim=32,mem_lr_rate_decay=100-150-0.5/seed=13"], runs.Select(r => r.Name));
    }

    [Fact]
    public void ASweepWithNothingVaryingIsNamedAfterItsBase()
    {
        var runs = SweepExpansion.Expand(Parse("base: logic/logic_m_resets\nseeds: [1, 2]")).Runs;
        Assert.Equal(["logic_m_resets/seed=1", "logic_m_resets/seed=2"], runs.Select(r => r.Name));
    }

    [Theory]
    [InlineData("sedes: 3", "unknown sweep key")]
    [InlineData("seeds: [1, 1]", "seed 1 is listed twice")]
    [InlineData("seeds: -2", "a list of seeds")]
    [InlineData("grid: {history: 6}", "takes a list of values")]
    [InlineData("grid: {histroy: [6]}", "closest known key is 'history'")]
    [InlineData("set: {seed: 3}\nseeds: 2", "remove 'seed'")]
    [InlineData("settings: [{name: a, history: 6}, {name: a, history: 7}]", "two settings are named 'a'")]
    [InlineData("settings: [{name: 'a b'}]", "not a usable setting name")]
    [InlineData("- history", "one YAML mapping")]
    public void BadSweepFilesAreConfigErrorsNamingTheProblem(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Parse(yaml));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("grid: {history: [six]}", "key 'history'")]
    [InlineData("grid: {history: [1]}", "history")]
    [InlineData("base: nonesuch", "no such built-in config")]
    [InlineData("grid: {mem_gamma: [2.0]}", "mem_gamma")]
    public void BadValuesFailAtExpansionBeforeAnythingRuns(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => SweepExpansion.Expand(Parse(yaml)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ABaseFileIsReadRelativeToTheSweepFile()
    {
        var dir = Directory.CreateTempSubdirectory("mannrl-sweepfile-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "mine.yaml"), "{ \"dataset\": \"logic\", \"memory_dim\": 20 }");
            File.WriteAllText(Path.Combine(dir, "s.yaml"), "base: mine.yaml\nseeds: 1\n");
            var runs = SweepExpansion.Expand(SweepFile.Load(Path.Combine(dir, "s.yaml"))).Runs;
            Assert.Equal("mine/seed=1", runs.Single().Name);
            Assert.Contains("memory_dim: 20\n", runs[0].Config);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ShippedSweepFilesExpand()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "sweeps"), "*.yaml"))
        {
            var runs = SweepExpansion.Expand(SweepFile.Load(path)).Runs;
            Assert.True(runs.Count > 0, path);
            Assert.Equal(runs.Count, runs.Select(r => r.Name).Distinct().Count());
        }
    }
}
