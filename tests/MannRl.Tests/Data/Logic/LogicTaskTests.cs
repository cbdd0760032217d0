using MannRl.Config;
using MannRl.Data;
using MannRl.Data.Logic;

namespace MannRl.Tests.Data.Logic;

public sealed class LogicTaskTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-logic-task").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void ReadsTheSharedOriginalData()
    {
        Requires.SharedData();
        var log = new List<string>();
        SequenceDataset d = LogicTask.Load(TestPaths.SharedData, 13, log.Add);
        Assert.Equal("logic", d.Name);
        Assert.Same(Scoring.LastStepAnswer, d.Scoring);
        Assert.Equal((11, 11), (d.InputDim, d.TargetDim));
        Assert.Equal(LogicAlphabet.Symbols, d.InputSymbols);
        Assert.Equal(LogicAlphabet.Symbols, d.TargetSymbols);
        Assert.Equal((9_500, 500, 0), (d.Train.Count, d.Validation.Count, d.Test.Count));
        Assert.Equal([5, 3, 4, 7, 7, 8, 10], d.Train[0].InputIds!);   // x o r 1 1 = |
        Assert.Equal([9, 5, 3, 4, 7, 7, 6], d.Train[0].Targets);     // . x o r 1 1 0
        Assert.Contains(log, l => l.Contains("read") && l.Contains("9500 train"));
    }

    [Fact]
    public void GeneratesOnceCachesAndThenReadsTheCache()
    {
        var log = new List<string>();
        SequenceDataset first = LogicTask.Load(_dir, 21, log.Add);
        string cache = Path.Combine(_dir, "logic", LogicDataFile.FileName);
        Assert.True(File.Exists(cache));
        Assert.Contains(log, l => l.Contains("generated") && l.Contains(cache));
        Assert.Equal((9_500, 500), (first.Train.Count, first.Validation.Count));

        SequenceDataset second = LogicTask.Load(_dir, 99, log.Add);   // the cache wins over a new seed
        Assert.Equal(first.Train.Select(s => s.InputIds), second.Train.Select(s => s.InputIds));
        Assert.Equal(first.Validation.Select(s => s.Targets), second.Validation.Select(s => s.Targets));
        Assert.Contains(log, l => l.Contains("read") && l.Contains(cache));
    }

    [Fact]
    public void AnUnwritableFolderWarnsAndContinues()
    {
        File.WriteAllText(Path.Combine(_dir, "logic"), "a file where the folder should be");
        var log = new List<string>();
        SequenceDataset d = LogicTask.Load(_dir, 13, log.Add);
        Assert.Equal(9_500, d.Train.Count);
        Assert.Contains(log, l => l.StartsWith("warning") && l.Contains("could not write"));
        Assert.Equal(LogicTask.Generate(13).Train.Select(e => e.ToSequence().InputIds), d.Train.Select(s => s.InputIds));
    }

    [Fact]
    public void DataDirectoryPrefersTheCommandLineThenTheEnvironment()
    {
        Func<string, string?> env = name => name == "NM_DATA_DIR" ? "/tmp/nm-data" : null;
        Assert.Equal(Path.GetFullPath("/srv/data"), DataDirectory.Resolve("/srv/data", env));
        Assert.Equal(Path.GetFullPath("/tmp/nm-data"), DataDirectory.Resolve(null, env));
        Assert.Equal(Path.GetFullPath("/tmp/nm-data"), DataDirectory.Resolve(" ", env));
        Assert.Equal(Path.GetFullPath("data"), DataDirectory.Resolve(null, _ => null));
        Assert.Equal(Path.GetFullPath("rel"), DataDirectory.Resolve("rel", env));
    }

    [Fact]
    public void OtherOperandsAreGeneratedAndNeverReadOrCached()
    {
        LogicTask.Load(_dir, 13);   // the standard file is now cached in the data directory
        var log = new List<string>();
        var options = new LogicOptions(new IntRange(21, 40), 400, 7);
        SequenceDataset d = LogicTask.Load(_dir, options, log.Add);
        Assert.Equal((380, 20), (d.Train.Count, d.Validation.Count));
        Assert.Contains(log, l => l.Contains("not cached"));
        Assert.Equal([LogicDataFile.FileName], Directory.GetFiles(Path.Combine(_dir, "logic")).Select(Path.GetFileName));
        var operands = d.Train.Select(d.Length.Of).ToArray();
        Assert.Equal(21, operands.Where(n => n != 2).Min());
        Assert.Equal(40, operands.Max());
        Assert.Equal("operands", d.Length.Unit);
    }

    [Fact]
    public void TheConfigKeysSelectTheDrawAndTheDefaultsAreTheOriginal()
    {
        Assert.True(LogicOptions.Original(5).IsOriginal);
        var config = new ExperimentConfig { LogicOperands = new IntRange(3, 4), LogicCount = 100, Seed = 1, DataSeed = 2 };
        SequenceDataset d = TaskLoader.Load(config, _dir, null);
        Assert.Equal(95, d.Train.Count);
        Assert.False(Directory.Exists(Path.Combine(_dir, "logic")));
        SequenceDataset same = LogicTask.Load(_dir, new LogicOptions(new IntRange(3, 4), 100, 2));
        Assert.Equal(same.Train.Select(s => s.InputIds), d.Train.Select(s => s.InputIds));
    }
}
