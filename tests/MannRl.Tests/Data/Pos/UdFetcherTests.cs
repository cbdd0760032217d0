using MannRl.Data.Pos;
using static MannRl.Tests.Data.Pos.PosTestData;

namespace MannRl.Tests.Data.Pos;

public class UdFetcherTests
{
    [Fact]
    public async Task An_unreachable_server_gives_a_message_with_the_url_and_the_manual_route()
    {
        using var dir = new TempDir();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        const string baseUrl = "http://127.0.0.1:1/ud/"; // nothing listens on port 1
        var e = await Assert.ThrowsAsync<IOException>(() => UdFetcher.FetchAsync(dir.Path, http, baseUrl));
        Assert.Contains("http://127.0.0.1:1/ud/en_ewt-ud-train.conllu", e.Message);
        Assert.Contains(Path.Combine(dir.Path, "ud-english-ewt"), e.Message);
        Assert.Contains(UdFetcher.RepositoryUrl, e.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "ud-english-ewt"))); // no partial or temp file
    }

    [Fact]
    public async Task Files_already_present_are_kept_without_network()
    {
        using var dir = new TempDir();
        foreach (string split in PosCorpus.FileSplits)
            dir.Write(Path.Combine("ud-english-ewt", PosCorpus.FileName(split)), Conllu(["a/X/X"]));
        var lines = new List<string>();
        var paths = await UdFetcher.FetchAsync(dir.Path, baseUrl: "http://127.0.0.1:1/", progress: lines.Add);
        Assert.Equal(3, paths.Count);
        Assert.All(lines, l => Assert.EndsWith("already present", l));
        Assert.Equal(3, PosCorpus.Load(dir.Path).Train.Count + PosCorpus.Load(dir.Path).Validation.Count + PosCorpus.Load(dir.Path).Test.Count);
    }
}
