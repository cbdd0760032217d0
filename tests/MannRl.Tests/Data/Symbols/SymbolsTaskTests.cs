using MannRl.Config;
using MannRl.Data;
using MannRl.Data.Symbols;

namespace MannRl.Tests.Data.Symbols;

/// <summary>A sequence task of one's own: <c>dataset: symbols</c> reads <c>data_file</c>.</summary>
public sealed class SymbolsTaskTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-symbols-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AFileWithoutAlphabetTakesItsSymbolsInCharacterOrderAndScoresTheLastStepAsTheAnswer()
    {
        File.WriteAllText(Path.Combine(_dir, "mine.json"), """
            {"train": [[["b", "a", "="], ["-", "-", "x"]], [["a", "="], ["-", "y"]]], "validation": [[["b", "="], ["-", "x"]]]}
            """);
        var data = SymbolsTask.Load(_dir, "mine.json");
        Assert.Equal(["-", "=", "a", "b", "x", "y"], data.TargetSymbols);
        Assert.Equal(6, data.InputDim);
        Assert.Equal(2, data.Train.Count);
        Assert.Single(data.Validation);
        Assert.Same(Scoring.LastStepAnswer, data.Scoring);
    }

    [Fact]
    public void AFileOfDataMakeKeepsItsAlphabet()
    {
        var made = TaskDataFile.MakeMemoryTask("copy", 4, new IntRange(1, 3), new IntRange(1, 1), 40, 7);
        SymbolDataFile.Write(Path.Combine(_dir, "copy.dataset.json"), made);
        var data = SymbolsTask.Load(_dir, "copy.dataset.json");
        Assert.Equal(made.Alphabet.Symbols, data.TargetSymbols);
        Assert.Equal(made.Train.Count, data.Train.Count);
    }

    [Theory]
    [InlineData("""{"train": [[["ab"], ["c"]]], "validation": []}""", "mine.json")]
    [InlineData("""{"train": [[["a", "b"], ["c"]]], "validation": []}""", "mine.json")]
    [InlineData("""[1, 2]""", "mine.json")]
    public void ABadFileIsRefusedNamingIt(string json, string named)
    {
        File.WriteAllText(Path.Combine(_dir, "mine.json"), json);
        var e = Assert.Throws<InvalidDataException>(() => SymbolsTask.Load(_dir, "mine.json"));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void DataFileGoesWithDatasetSymbolsOnly()
    {
        var symbols = new ExperimentConfig { Dataset = "symbols" };
        Assert.Contains("data_file", Assert.Throws<ConfigException>(symbols.Validate).Message);
        var logic = new ExperimentConfig { DataFile = "mine.json" };
        Assert.Contains("only dataset symbols reads data_file", Assert.Throws<ConfigException>(logic.Validate).Message);
        var missing = Assert.Throws<FileNotFoundException>(() => SymbolsTask.Load(_dir, "none.json"));
        Assert.Contains("mannrl data make", missing.Message);
    }
}
