using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using MannRl.Data.Sentences;

namespace MannRl.Tests.Data.Sentences;

public sealed class WmtFetcherTests : IDisposable
{
    private readonly SentenceTestData _data = new();

    public void Dispose() => _data.Dispose();

    private static MemoryStream Archive(params (string Name, string Text)[] members)
    {
        var tgz = new MemoryStream();
        using (var gzip = new GZipStream(tgz, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var (name, text) in members)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        }
        tgz.Position = 0;
        return tgz;
    }

    [Fact]
    public async Task Extracts_the_fr_en_members_and_nothing_else()
    {
        using var tgz = Archive(
            ("training/news-commentary-v9.cs-en.en", "other"),
            ("training/news-commentary-v9.fr-en.en", "Hello.\n"),
            ("training/news-commentary-v9.fr-en.fr", "Bonjour.\n"));
        string target = Path.Combine(_data.Dir, "wmt2014-news");
        await WmtFetcher.ExtractAsync(tgz, target);
        Assert.Equal(["news-commentary-v9.fr-en.en", "news-commentary-v9.fr-en.fr"],
            Directory.GetFiles(target).Select(Path.GetFileName).Order());
        Assert.Equal("Bonjour.\n", File.ReadAllText(Path.Combine(target, "news-commentary-v9.fr-en.fr")));
    }

    [Fact]
    public async Task An_archive_without_both_files_leaves_nothing_behind()
    {
        using var tgz = Archive(("training/news-commentary-v9.fr-en.en", "Hello.\n"));
        string target = Path.Combine(_data.Dir, "wmt2014-news");
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => WmtFetcher.ExtractAsync(tgz, target));
        Assert.Contains("news-commentary-v9.fr-en.fr", e.Message);
        Assert.Empty(Directory.GetFiles(target));
    }

    [Fact]
    public async Task Unreachable_url_names_it_and_the_manual_route()
    {
        const string url = "http://127.0.0.1:9/training-parallel-nc-v9.tgz";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var e = await Assert.ThrowsAsync<IOException>(() => WmtFetcher.FetchAsync(_data.Dir, url: url, http: http));
        Assert.Contains(url, e.Message);
        Assert.Contains(Path.Combine(_data.Dir, "wmt2014-news"), e.Message);
        Assert.Contains("news-commentary-v9.fr-en.en", e.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_data.Dir, "wmt2014-news")));
    }
}
