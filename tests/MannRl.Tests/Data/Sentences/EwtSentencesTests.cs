using MannRl.Data.Pos;
using MannRl.Data.Sentences;
using MannRl.Tests.Cli;

namespace MannRl.Tests.Data.Sentences;

/// <summary>The offline sentence file built from UD English EWT (<c>mannrl data fetch sentences</c>).</summary>
public sealed class EwtSentencesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-ewt-sentences-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Conllu(params string[] sentences) => string.Concat(sentences.Select((s, i) =>
        $"# sent_id = s{i}\n# text = {s}\n" + string.Concat(s.Split(' ').Select((w, k) => $"{k + 1}\t{w}\t{w}\tX\tX\t_\t0\troot\t_\t_\n")) + "\n"));

    [Fact]
    public void FetchSentencesWritesTheTextLinesOfTheTrainSplitFromFilesAlreadyThere()
    {
        // All three EWT files present: nothing is downloaded.
        string data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(PosCorpus.Folder(data));
        File.WriteAllText(Path.Combine(PosCorpus.Folder(data), PosCorpus.FileName("train")), Conllu("Hello there .", "A second one !"));
        File.WriteAllText(Path.Combine(PosCorpus.Folder(data), PosCorpus.FileName("dev")), Conllu("Dev text ."));
        File.WriteAllText(Path.Combine(PosCorpus.Folder(data), PosCorpus.FileName("test")), Conllu("Test text ."));

        var r = CliRunner.Run(_dir, "data", "fetch", "sentences", "--data-dir", data);
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        string file = Path.Combine(data, "sentences", "en-ewt-train.txt");
        Assert.Equal("Hello there .\nA second one !\n", File.ReadAllText(file));
        Assert.Contains("2 sentences", r.Out);
    }

    [Fact]
    public void WithoutTheTreebankTheMessageSaysHowToGetIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => EwtSentences.Write(_dir));
        Assert.Contains("mannrl data fetch udpos", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir, "sentences")));
    }

    [SkippableFact]
    public void TheSharedSentenceFileIsExactlyTheTextLinesOfEwtTrain()
    {
        Requires.SharedData();
        string shared = Path.Combine(TestPaths.SharedData, "sentences", "en-ewt-train.txt");
        string data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(PosCorpus.Folder(data));
        File.Copy(Path.Combine(PosCorpus.Folder(TestPaths.SharedData), PosCorpus.FileName("train")),
            Path.Combine(PosCorpus.Folder(data), PosCorpus.FileName("train")));
        var (path, count) = EwtSentences.Write(data);
        Assert.Equal(12544, count);
        Assert.Equal(File.ReadAllBytes(shared), File.ReadAllBytes(path));
    }
}
