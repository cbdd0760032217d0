using System.Formats.Tar;
using System.IO.Compression;

namespace MannRl.Data.Sentences;

/// <summary>
/// Downloads the WMT 2014 news-commentary v9 archive and extracts its French-English files into
/// <c>&lt;data-dir&gt;/wmt2014-news/</c>. Both files appear together or not at all: they are written under temporary
/// names and moved into place once both are complete.
/// </summary>
public static class WmtFetcher
{
    /// <summary>The official archive (about 80 MB).</summary>
    public const string ArchiveUrl = "https://www.statmt.org/wmt14/training-parallel-nc-v9.tgz";

    /// <summary>The archive members the sentence tasks read (matched by file name, whatever folder holds them).</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["news-commentary-v9.fr-en.en", "news-commentary-v9.fr-en.fr"];

    /// <summary>
    /// Downloads <paramref name="url"/> (default <see cref="ArchiveUrl"/>) and extracts the fr-en files. Throws
    /// <see cref="IOException"/> naming the URL and where to put the files by hand when the download fails.
    /// </summary>
    public static async Task FetchAsync(string dataDir, Action<string>? log = null, string? url = null,
        HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        url ??= ArchiveUrl;
        string targetDir = Path.Combine(Path.GetFullPath(dataDir), SentenceFile.WmtFolder);
        Directory.CreateDirectory(targetDir);
        string archive = Path.Combine(targetDir, $".download-{Guid.NewGuid():N}.tgz");
        var client = http ?? new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        try
        {
            log?.Invoke($"downloading {url}");
            try
            {
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using var file = File.Create(archive);
                await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException(
                    $"could not download {url} ({e.Message}). Without network: fetch that archive elsewhere, take "
                    + $"{string.Join(" and ", FileNames)} out of it and place them in {targetDir}; or train on the shipped "
                    + $"offline corpus: set `sentences_file: {SentenceFile.OfflineCorpus}` in the config.", e);
            }
            log?.Invoke($"extracting {string.Join(", ", FileNames)} into {targetDir}");
            await using (var stream = File.OpenRead(archive))
                await ExtractAsync(stream, targetDir, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (http is null) client.Dispose();
            File.Delete(archive);
        }
    }

    /// <summary>
    /// Extracts <see cref="FileNames"/> from a gzip-compressed tar stream into <paramref name="targetDir"/>, replacing
    /// existing files; throws <see cref="InvalidDataException"/> naming the members the archive lacks.
    /// </summary>
    public static async Task ExtractAsync(Stream tgz, string targetDir, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(targetDir);
        var temps = new Dictionary<string, string>();
        try
        {
            await using var gzip = new GZipStream(tgz, CompressionMode.Decompress, leaveOpen: true);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                string name = Path.GetFileName(entry.Name);
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    || !FileNames.Contains(name) || temps.ContainsKey(name) || entry.DataStream is null) continue;
                string temp = Path.Combine(targetDir, $".{name}.{Guid.NewGuid():N}.tmp");
                temps[name] = temp;
                await using var file = File.Create(temp);
                await entry.DataStream.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
            var missing = FileNames.Where(n => !temps.ContainsKey(n)).ToArray();
            if (missing.Length > 0)
                throw new InvalidDataException($"the archive lacks {string.Join(" and ", missing)}; is it {ArchiveUrl}?");
            foreach (var (name, temp) in temps) File.Move(temp, Path.Combine(targetDir, name), overwrite: true);
            temps.Clear();
        }
        finally
        {
            foreach (string temp in temps.Values) File.Delete(temp);
        }
    }
}
