using System.Text;

namespace MannRl.Data.Sentences;

/// <summary>
/// Finding and reading one-sentence-per-line files: UTF-8 with or without a byte-order mark, LF or CRLF line ends
/// (the CR is whitespace and cleaning removes it); invalid bytes decode to U+FFFD, which cleaning blanks.
/// </summary>
public static class SentenceFile
{
    /// <summary>Folder of the WMT 2014 news-commentary files inside the data dir.</summary>
    public const string WmtFolder = "wmt2014-news";

    /// <summary>Default English side, relative to the data dir.</summary>
    public const string DefaultEnglish = WmtFolder + "/news-commentary-v9.fr-en.en";

    /// <summary>Default French side, relative to the data dir.</summary>
    public const string DefaultFrench = WmtFolder + "/news-commentary-v9.fr-en.fr";

    /// <summary>The offline English corpus shipped with the project, relative to the data dir.</summary>
    public const string OfflineCorpus = "sentences/en-ewt-train.txt";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>A path relative to <paramref name="dataDir"/>, or <paramref name="path"/> itself when absolute; full form.</summary>
    public static string Resolve(string dataDir, string path) => Path.GetFullPath(Path.Combine(dataDir, path));

    /// <summary>
    /// Splits decoded bytes into lines as Python's <c>readlines()</c> with <c>newline="\n"</c> does: at each LF, with
    /// no extra empty line after a final LF. The LF is dropped; a CR before it stays.
    /// </summary>
    public static string[] ReadLines(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (bytes.StartsWith(bom)) bytes = bytes[bom.Length..];
        string text = Utf8.GetString(bytes);
        if (text.Length == 0) return [];
        string[] lines = text.Split('\n');
        return text[^1] == '\n' ? lines[..^1] : lines;
    }

    /// <summary>
    /// Reads a file's bytes, or throws <see cref="FileNotFoundException"/> saying where the file belongs and how to
    /// get it (<c>mannrl data fetch wmt2014</c>, or the offline corpus).
    /// </summary>
    public static byte[] ReadBytes(string dataDir, string fullPath)
    {
        if (!File.Exists(fullPath)) throw Missing(dataDir, fullPath);
        return File.ReadAllBytes(fullPath);
    }

    /// <summary>The error for a missing sentence file, naming the path and the ways to provide it.</summary>
    public static FileNotFoundException Missing(string dataDir, string fullPath) => new(
        $"sentence file not found: {fullPath}. "
        + $"The WMT 2014 news-commentary v9 files belong in {Path.Combine(Path.GetFullPath(dataDir), WmtFolder)}; "
        + $"`mannrl data fetch wmt2014` downloads {WmtFetcher.ArchiveUrl} and extracts them there. "
        + $"Offline, set the config key `sentences_file` to any one-sentence-per-line file, e.g. {OfflineCorpus} (relative to the data dir), "
        + "which `mannrl data fetch sentences` builds from UD English EWT.",
        fullPath);
}
