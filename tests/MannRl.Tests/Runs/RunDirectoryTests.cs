using System.Text.Json;
using MannRl.Runs;

namespace MannRl.Tests.Runs;

/// <summary>The run directory is created exclusively, and a start that fails leaves nothing behind.</summary>
public sealed class RunDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mannrl-rundir-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void CreateWritesConfigMetricsHeaderAndRunInfoAndHoldsALockUntilDisposed()
    {
        string path = Path.Combine(_root, "run");
        using (var run = RunDirectory.Create(path, "seed: 13\n", "/data/here"))
        {
            Assert.Equal("seed: 13\n", File.ReadAllText(Path.Combine(path, RunFiles.Config)));
            Assert.StartsWith("epoch,split,", File.ReadAllText(Path.Combine(path, RunFiles.Metrics)));
            Assert.Equal("/data/here", RunInfo.DataDir(path));
            Assert.True(File.Exists(Path.Combine(path, RunFiles.Lock)));
            Assert.Throws<RunDirectoryException>(() => RunDirectory.Create(path, "seed: 14\n", "/data/here"));
        }
        Assert.False(File.Exists(Path.Combine(path, RunFiles.Lock)));
        Assert.Equal("seed: 13\n", File.ReadAllText(Path.Combine(path, RunFiles.Config)));
        var again = Assert.Throws<RunDirectoryException>(() => RunDirectory.Create(path, "seed: 14\n", "/data/here"));
        Assert.Contains("not empty", again.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OfTwoCreationsAtTheSameMomentExactlyOneWins(bool folderExists)
    {
        for (int round = 0; round < 40; round++)
        {
            string path = Path.Combine(_root, $"race-{folderExists}-{round}");
            if (folderExists) Directory.CreateDirectory(path);
            using var start = new Barrier(2);
            var outcomes = new (RunDirectory? Run, Exception? Error)[2];
            var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try { outcomes[i] = (RunDirectory.Create(path, $"seed: {i}\n", "/data"), null); }
                catch (Exception e) { outcomes[i] = (null, e); }
            })).ToArray();
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();

            var winners = outcomes.Where(o => o.Run is not null).ToArray();
            Assert.Single(winners);
            var loser = Assert.Single(outcomes, o => o.Run is null);
            Assert.True(loser.Error is RunDirectoryException, loser.Error?.ToString());
            int winner = Array.FindIndex(outcomes, o => o.Run is not null);
            Assert.Equal($"seed: {winner}\n", File.ReadAllText(Path.Combine(path, RunFiles.Config)));
            winners[0].Run!.Dispose();
        }
    }

    [Fact]
    public void AbandonLeavesAnIdenticalRerunNothingInTheWay()
    {
        string created = Path.Combine(_root, "new");
        var run = RunDirectory.Create(created, "a: 1\n", "/data");
        run.Log("starting");
        Directory.CreateDirectory(Path.Combine(created, RunFiles.Checkpoints));
        run.Abandon();
        run.Dispose();
        Assert.False(Directory.Exists(created));

        string existing = Directory.CreateDirectory(Path.Combine(_root, "existing")).FullName;
        RunDirectory.Create(existing, "a: 1\n", "/data").Abandon();
        Assert.True(Directory.Exists(existing));
        Assert.Empty(Directory.EnumerateFileSystemEntries(existing));

        using var rerun = RunDirectory.Create(created, "a: 1\n", "/data");
        Assert.True(File.Exists(Path.Combine(created, RunFiles.Config)));
    }

    [Fact]
    public void ALockFileLeftByAKilledStartBlocksNothing()
    {
        // A run killed right after taking its lock leaves only the lock file, and the kernel has released the lock.
        string path = Directory.CreateDirectory(Path.Combine(_root, "killed")).FullName;
        File.WriteAllText(Path.Combine(path, RunFiles.Lock), "");
        using var run = RunDirectory.Create(path, "a: 1\n", "/data");
        Assert.True(File.Exists(Path.Combine(path, RunFiles.Config)));
    }

    [Fact]
    public void AFileOrANonEmptyFolderIsRefusedUntouched()
    {
        string file = Path.Combine(_root, "file");
        File.WriteAllText(file, "x");
        Assert.Contains("is a file", Assert.Throws<RunDirectoryException>(() => RunDirectory.Create(file, "", "/data")).Message);
        string full = Directory.CreateDirectory(Path.Combine(_root, "full")).FullName;
        File.WriteAllText(Path.Combine(full, "notes.txt"), "mine");
        Assert.Contains("not empty", Assert.Throws<RunDirectoryException>(() => RunDirectory.Create(full, "", "/data")).Message);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(full).Select(Path.GetFileName));
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void RunInfoNamesTheDataDirectoryAsJson()
    {
        string path = Directory.CreateDirectory(Path.Combine(_root, "info")).FullName;
        RunInfo.Write(path, "/some/data");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(path, RunFiles.Info)));
        Assert.Equal("/some/data", doc.RootElement.GetProperty("data_dir").GetString());
        File.WriteAllText(Path.Combine(path, RunFiles.Info), "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => RunInfo.DataDir(path)).Message);
    }
}
