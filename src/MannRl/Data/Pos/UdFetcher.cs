namespace MannRl.Data.Pos;

/// <summary>
/// Downloads UD English EWT (<c>mannrl data fetch udpos</c>) into <c>&lt;data-dir&gt;/ud-english-ewt/</c>. Each file
/// is written to a temporary file beside its destination, checked to be CoNLL-U, then moved into place, so an
/// interrupted or failed download never leaves a partial file under the final name.
/// </summary>
public static class UdFetcher
{
    /// <summary>The treebank's repository (for downloading by hand).</summary>
    public const string RepositoryUrl = "https://github.com/UniversalDependencies/UD_English-EWT";

    /// <summary>Where the raw files are downloaded from; the file name is appended.</summary>
    public const string DefaultBaseUrl = "https://raw.githubusercontent.com/UniversalDependencies/UD_English-EWT/master/";

    /// <summary>
    /// Downloads the train, dev and test files; files already present are kept unless <paramref name="overwrite"/>.
    /// Returns the paths of the three files.
    /// </summary>
    /// <param name="dataDir">The data directory; the files go to its <c>ud-english-ewt</c> folder (created when missing).</param>
    /// <param name="http">The client to use; a new one (100 s timeout) when null.</param>
    /// <param name="baseUrl">The URL the file names are appended to.</param>
    /// <param name="overwrite">Download files that already exist again.</param>
    /// <param name="progress">Receives one line per file.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="IOException">A download failed (offline, HTTP error, not CoNLL-U); the message names the URL and where to put the files by hand.</exception>
    public static async Task<IReadOnlyList<string>> FetchAsync(
        string dataDir, HttpClient? http = null, string baseUrl = DefaultBaseUrl, bool overwrite = false,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        string folder = PosCorpus.Folder(dataDir);
        Directory.CreateDirectory(folder);
        using var owned = http is null ? new HttpClient() : null;
        var client = http ?? owned!;
        var paths = new List<string>();
        foreach (string split in PosCorpus.FileSplits)
        {
            string name = PosCorpus.FileName(split);
            string path = Path.Combine(folder, name);
            paths.Add(path);
            if (File.Exists(path) && !overwrite) { progress?.Invoke($"{path} already present"); continue; }

            string url = baseUrl.TrimEnd('/') + "/" + name;
            string temp = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
                {
                    response.EnsureSuccessStatusCode();
                    await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                }
                int sentences = ConlluReader.ReadFile(temp).Count;
                if (sentences == 0) throw new InvalidDataException("the download holds no sentences");
                File.Move(temp, path, overwrite: true);
                progress?.Invoke($"{url} -> {path} ({sentences} sentences)");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException
                                      || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new IOException(
                    $"could not download {url}: {e.Message}. Without network, download " +
                    $"{string.Join(", ", PosCorpus.FileSplits.Select(PosCorpus.FileName))} by hand from {RepositoryUrl} " +
                    $"and put them in {folder}.", e);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
        return paths;
    }
}
