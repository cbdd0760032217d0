using MannRl.Data.Logic;

namespace MannRl.Tests.Data.Logic;

public sealed class LogicDataFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-logic").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void ReadsTheOriginalFile()
    {
        Requires.SharedData();
        LogicSplits s = LogicDataFile.Read(TestPaths.LogicDatasetFile);
        Assert.Equal(9_500, s.Train.Count);
        Assert.Equal(500, s.Validation.Count);
        Assert.Equal(new LogicExample("xor11=|", ".xor110"), s.Train[0]);
        Assert.All(s.Train.Concat(s.Validation), e => LogicRules.Check(e));
    }

    [SkippableFact]
    public void WritesTheOriginalFileBackByteForByte()
    {
        Requires.SharedData();
        LogicSplits s = LogicDataFile.Read(TestPaths.LogicDatasetFile);
        string path = Path.Combine(_dir, "copy.json");
        LogicDataFile.Write(path, s);
        Assert.Equal(File.ReadAllBytes(TestPaths.LogicDatasetFile), File.ReadAllBytes(path));
    }

    [Fact]
    public void RoundTripsGeneratedDataAndLeavesNoTemporaryFile()
    {
        LogicSplits s = LogicTask.Generate(5);
        string path = Path.Combine(_dir, LogicDataFile.FileName);
        File.WriteAllText(path, "old content");
        LogicDataFile.Write(path, s);
        LogicSplits back = LogicDataFile.Read(path);
        Assert.Equal(s.Train, back.Train);
        Assert.Equal(s.Validation, back.Validation);
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Theory]
    [InlineData("{\"train\": [", "not valid JSON")]
    [InlineData("[1, 2]", "expected an object")]
    [InlineData("{\"train\": []}", "no \"validation\" list")]
    [InlineData("{\"train\": [[[\"a\"], [\".\"]]], \"validation\": [[[\"x\", \"q\"], [\".\", \"x\"]]]}", "validation sequence 0 (0-based), inputs: symbol \"q\" at position 1")]
    [InlineData("{\"train\": [[[\"a\"], [\".\"]], [[\"a\", \"n\"], [\".\"]]], \"validation\": []}", "train sequence 1 (0-based): 2 inputs but 1 targets")]
    [InlineData("{\"train\": [[[\"an\"], [\".\"]]], \"validation\": []}", "symbol \"an\" at position 0")]
    [InlineData("{\"train\": [[[1], [\".\"]]], \"validation\": []}", "symbol 1 at position 0")]
    [InlineData("{\"train\": [[[\"a\"]]], \"validation\": []}", "train sequence 0 (0-based): expected a pair")]
    [InlineData("{\"train\": [[[], []]], \"validation\": []}", "the sequence is empty")]
    public void MalformedFilesNameTheFileTheSequenceAndTheFix(string json, string problem)
    {
        string path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<InvalidDataException>(() => LogicDataFile.Read(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Contains("delete it to have the data generated again", e.Message);
    }
}
