namespace MannRl.Tests.Cli;

/// <summary>The README's "your own sequence task": a data file, a config pointing at it, a run.</summary>
public sealed class OwnTaskCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-own-task-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AConfigPointingAtADataFileTrainsAndEvaluates()
    {
        var make = CliRunner.Run(_dir, "data", "make", "copy", "--out", Path.Combine(_dir, "data", "mine"), "--count", "300", "--alphabet", "4");
        Assert.True(make.ExitCode == 0, make.Err);
        File.WriteAllText(Path.Combine(_dir, "mine.yaml"), """
            dataset: symbols
            data_file: mine/copy.dataset.json
            memory_dim: 16
            history: 6
            settle: 2
            mem_num_samples: 4
            epochs: 1
            """);
        var train = CliRunner.Run(_dir, "train", "mine.yaml", "run", "--data-dir", "data", "--threads", "1", "--quiet");
        Assert.True(train.ExitCode == 0, train.Err + train.Out);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_dir, "run", "metrics.csv")).Length);
        var evaluate = CliRunner.Run(_dir, "evaluate", "run", "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Err);
        Assert.Contains("\"sequences\": 15", evaluate.Out);
    }
}
