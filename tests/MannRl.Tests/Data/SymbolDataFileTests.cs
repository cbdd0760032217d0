using MannRl.Config;
using MannRl.Data;
using MannRl.Data.Logic;
using MannRl.Data.MemoryTasks;
using MannRl.Tests.Data.Logic;

namespace MannRl.Tests.Data;

public sealed class SymbolDataFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-symbol-file").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AMemoryTaskFileRoundTripsWithItsHeader()
    {
        SymbolDataSet made = TaskDataFile.MakeMemoryTask("repeat-copy", 5, new IntRange(2, 3), new IntRange(1, 2), 40, 3);
        Assert.Equal((38, 2), (made.Train.Count, made.Validation.Count));
        string path = Path.Combine(_dir, TaskDataFile.FileName("repeat-copy"));
        SymbolDataFile.Write(path, made);
        Assert.StartsWith("{\"task\": \"repeat-copy\", \"alphabet\": [\"-\", \"|\", \"1\"", File.ReadAllText(path));
        SymbolDataSet back = SymbolDataFile.Read(path, "repeat-copy", MemoryTask.Alphabet("repeat-copy", 5), "fix");
        Assert.Equal(made.Train, back.Train);
        Assert.Equal(made.Validation, back.Validation);
    }

    [Fact]
    public void AnotherAlphabetOrTaskIsRefusedWithTheFix()
    {
        string path = Path.Combine(_dir, "copy.dataset.json");
        SymbolDataFile.Write(path, TaskDataFile.MakeMemoryTask("copy", 5, new IntRange(1, 3), new IntRange(1, 1), 20, 3));
        var e = Assert.Throws<InvalidDataException>(() => SymbolDataFile.Read(path, "copy", MemoryTask.Alphabet("copy", 8), "make it again"));
        Assert.Contains("its alphabet (7 symbols: - = a b c d e) differs from the expected one (10 symbols", e.Message);
        Assert.EndsWith("make it again", e.Message);
        e = Assert.Throws<InvalidDataException>(() => SymbolDataFile.Read(path, "associative-recall", MemoryTask.Alphabet("associative-recall", 5), "fix"));
        Assert.Contains("it holds copy sequences, not associative-recall sequences", e.Message);
        e = Assert.Throws<InvalidDataException>(() => LogicDataFile.Read(path));
        Assert.Contains("it holds copy sequences, not logic sequences", e.Message);
    }

    [Fact]
    public void MakeLogicWithTheDefaultsIsTheGeneratedDataOfTheSeed()
    {
        SymbolDataSet made = TaskDataFile.MakeLogic(new IntRange(2, 20), 10_000, 21);
        Assert.Equal(LogicDataFile.ToJson(LogicTask.Generate(21)), SymbolDataFile.ToJson(made));
    }

    [Fact]
    public void MakeLogicDrawsTheOperandRange()
    {
        SymbolDataSet made = TaskDataFile.MakeLogic(new IntRange(21, 40), 2000, 7);
        Assert.Equal((1900, 100), (made.Train.Count, made.Validation.Count));
        var operands = made.All.Where(e => !e.Inputs.StartsWith("xor", StringComparison.Ordinal)).Select(e => e.Inputs.Count(c => c is '0' or '1')).ToArray();
        Assert.Equal(21, operands.Min());
        Assert.Equal(40, operands.Max());
        Assert.All(made.All, e => LogicRules.Check(new LogicExample(e.Inputs, e.Targets), 21, 40));
    }
}
