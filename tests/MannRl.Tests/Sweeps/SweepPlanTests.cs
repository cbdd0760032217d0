using MannRl.Sweeps;

namespace MannRl.Tests.Sweeps;

public sealed class SweepPlanTests
{
    private static IReadOnlyList<SweepRun> Runs(string yaml) => SweepExpansion.Expand(SweepFile.Parse(yaml, "/tmp/s.yaml", "/tmp")).Runs;

    private const string Base = "seeds: [1, 2]\ngrid: {history: [10, 12]}\n";

    [Fact]
    public void ANewSweepTakesEveryRun()
    {
        var plan = SweepPlan.Make(null, Runs(Base), "/tmp/s.yaml", "/data");
        Assert.Equal(SweepChangeKind.New, plan.Kind);
        Assert.Equal(4, plan.Manifest.Runs.Count);
    }

    [Fact]
    public void TheSameSweepIsUnchanged()
    {
        var first = SweepPlan.Make(null, Runs(Base), "/tmp/s.yaml", "/data").Manifest;
        var again = SweepPlan.Make(first, Runs("# reordered, same runs\ngrid: {history: [12, 10]}\nseeds: [2, 1]\n"), "/tmp/s.yaml", "/data");
        Assert.Equal(SweepChangeKind.Unchanged, again.Kind);
        Assert.Same(first, again.Manifest);
    }

    [Fact]
    public void AddedSeedsAndValuesExtendTheSweepKeepingTheOldIndices()
    {
        var first = SweepPlan.Make(null, Runs(Base), "/tmp/s.yaml", "/data").Manifest;
        var plan = SweepPlan.Make(first, Runs("seeds: [1, 2, 3]\ngrid: {history: [10, 12, 24]}\n"), "/tmp/s.yaml", "/data");
        Assert.Equal(SweepChangeKind.Extended, plan.Kind);
        Assert.Equal(first.Runs.Select(r => r.Name), plan.Manifest.Runs.Take(4).Select(r => r.Name));
        Assert.Equal(Enumerable.Range(0, 9), plan.Manifest.Runs.Select(r => r.Index));
        Assert.Contains("5 new runs", plan.Description);
        Assert.Contains("seeds added: 3", plan.Description);
        Assert.Contains("settings added: history=24", plan.Description);
    }

    [Fact]
    public void AChangedValueIsRefusedNamingTheRunAndTheKey()
    {
        var first = SweepPlan.Make(null, Runs(Base), "/tmp/s.yaml", "/data").Manifest;
        var e = Assert.Throws<SweepException>(() => SweepPlan.Make(first, Runs(Base + "set: {memory_dim: 20}\n"), "/tmp/s.yaml", "/data"));
        Assert.Contains("history=10/seed=1 has a different config now (memory_dim: 48 -> 20)", e.Message);
        Assert.Contains("new OUTDIR", e.Message);
    }

    [Fact]
    public void ARemovedRunIsRefused()
    {
        var first = SweepPlan.Make(null, Runs(Base), "/tmp/s.yaml", "/data").Manifest;
        var e = Assert.Throws<SweepException>(() => SweepPlan.Make(first, Runs("seeds: [1]\ngrid: {history: [10, 12]}\n"), "/tmp/s.yaml", "/data"));
        Assert.Contains("history=10/seed=2 is no longer in the sweep", e.Message);
    }

    [Fact]
    public void AnotherDataDirectoryIsRefused()
    {
        var first = SweepPlan.Make(null, Runs(Base), "/tmp/s.yaml", "/data").Manifest;
        var e = Assert.Throws<SweepException>(() => SweepPlan.Make(first, Runs(Base), "/tmp/s.yaml", "/other"));
        Assert.Contains("--data-dir", e.Message);
    }

    [Fact]
    public void TheManifestRoundTripsThroughItsFile()
    {
        var dir = Directory.CreateTempSubdirectory("mannrl-manifest-").FullName;
        try
        {
            var manifest = SweepPlan.Make(null, Runs(Base + "settings: [{mem_lr_rate_decay: [[100, 150], 0.5]}]\n"), "/tmp/s.yaml", "/data").Manifest;
            manifest.Save(dir);
            var back = SweepManifest.Load(dir);
            Assert.Equal(manifest.Runs, back.Runs, (a, b) => a.Name == b.Name && a.Config == b.Config && a.Overrides.SequenceEqual(b.Overrides));
            Assert.Contains("\"history=10\"", File.ReadAllText(Path.Combine(dir, SweepManifest.FileName)));
            var e = Assert.Throws<SweepException>(() => back.Run(4));
            Assert.Contains("0..3", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
