using MannRl.Checkpoints;
using MannRl.Engine;
using MannRl.Models;
using MannRl.Runs;
using MannRl.Training;

namespace MannRl.Tests.Runs;

/// <summary><c>keep_checkpoints</c>: the newest N, the newest of each tag and <c>final</c> stay; <c>latest</c> names the newest.</summary>
public sealed class CheckpointRetentionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mannrl-retention-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TrainingSnapshot Snapshot(int epoch)
    {
        var tensors = new NamedTensors(new Rng(1));
        tensors.Linear("linear", 2, 2);
        return new TrainingSnapshot(epoch, [new CheckpointPart("action", tensors)]);
    }

    private static readonly string[] Saves = ["t1", "v2", "t3", "sp4", "t5", "v6", "sp7", "t8", "final"];

    private List<string> SaveAll(int keep)
    {
        string path = Path.Combine(_root, $"keep{keep}");
        using var run = RunDirectory.Create(path, "seed: 1\n", "/data", keepCheckpoints: keep);
        for (int i = 0; i < Saves.Length; i++) run.SaveCheckpoint(Saves[i], Snapshot(i + 1));
        Assert.Equal("final", File.ReadAllText(Path.Combine(path, RunFiles.Checkpoints, RunFiles.Latest)).Trim());
        return [.. Checkpoint.List(Path.Combine(path, RunFiles.Checkpoints)).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void KeepsTheNewestNTheNewestOfEachTagAndFinal()
    {
        // Newest 2: t8, final; newest per tag: v6 (v), sp7 (sp), t8 (t), final.
        Assert.Equal(["final", "sp7", "t8", "v6"], SaveAll(2));
        Assert.Equal(["final", "sp4", "sp7", "t5", "t8", "v6"], SaveAll(6));
    }

    [Fact]
    public void ZeroKeepsEveryCheckpoint() => Assert.Equal(Saves.Order(StringComparer.Ordinal), SaveAll(0));
}
