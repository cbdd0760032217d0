using System.Security.Cryptography;
using System.Text;

namespace MannRl.Data.Sentences;

/// <summary>
/// The processed corpus on disk: the vocabulary of the cleaned text and the shuffled pairs, in a small binary file
/// <c>&lt;data-dir&gt;/cache/sentences-&lt;dataset&gt;-&lt;hash of paths and seed&gt;.bin</c>. Its header holds a key
/// over the format version, dataset, seed and the SHA-256 of every source file, so an edited source file makes
/// the entry stale and it is rebuilt in place. Writes go to a temporary file that is then moved over the entry.
/// Truncation, split and curriculum are cheap and are applied after loading, so they are not part of the key.
/// </summary>
internal static class SentenceCache
{
    private const string Magic = "mannrl-sentences";
    private const int Version = 1;

    /// <summary>What the cache holds.</summary>
    internal sealed record Entry(int[] Vocabulary, SentencePair[] Pairs);

    /// <summary>The cache file of a dataset, seed and set of source paths.</summary>
    public static string PathFor(string dataDir, string dataset, int seed, IReadOnlyList<string> sourcePaths)
    {
        string id = Hex(SHA256.HashData(Encoding.UTF8.GetBytes($"{dataset}\n{seed}\n{string.Join('\n', sourcePaths)}")))[..16];
        return Path.Combine(Path.GetFullPath(dataDir), "cache", $"sentences-{dataset}-{id}.bin");
    }

    /// <summary>The key that an entry must carry to be valid for these sources and settings.</summary>
    public static byte[] ContentKey(string dataset, int seed, IReadOnlyList<byte[]> sourceFiles)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(Encoding.UTF8.GetBytes($"{Magic}\n{Version}\n{dataset}\n{seed}\n{sourceFiles.Count}\n"));
        foreach (byte[] file in sourceFiles) h.AppendData(SHA256.HashData(file));
        return h.GetHashAndReset();
    }

    /// <summary>The entry at <paramref name="path"/> when it exists and carries <paramref name="key"/>; else null.</summary>
    public static Entry? TryRead(string path, byte[] key, Action<string>? log)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != Version || !reader.ReadBytes(key.Length).AsSpan().SequenceEqual(key))
            {
                log?.Invoke($"sentence cache {path} is stale (source or settings changed); rebuilding");
                return null;
            }
            var vocabulary = new int[reader.ReadInt32()];
            for (int i = 0; i < vocabulary.Length; i++) vocabulary[i] = reader.ReadInt32();
            var pairs = new SentencePair[reader.ReadInt32()];
            for (int i = 0; i < pairs.Length; i++)
            {
                string source = reader.ReadString();
                pairs[i] = new SentencePair(source, reader.ReadBoolean() ? source : reader.ReadString());
            }
            return new Entry(vocabulary, pairs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException or ArgumentException)
        {
            log?.Invoke($"sentence cache {path} is unreadable ({e.Message}); rebuilding");
            return null;
        }
    }

    /// <summary>Writes the entry atomically; when the folder is not writable, logs one line and leaves no file.</summary>
    public static void TryWrite(string path, byte[] key, Entry entry, Action<string>? log)
    {
        if (IsReadOnlyByMode(Path.GetDirectoryName(Path.GetDirectoryName(path))!))
        {
            log?.Invoke($"sentence cache not written: the data directory has no write permission (a shared, read-only copy)");
            return;
        }
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var writer = new BinaryWriter(File.Create(temp), Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(Version);
                writer.Write(key);
                writer.Write(entry.Vocabulary.Length);
                foreach (int c in entry.Vocabulary) writer.Write(c);
                writer.Write(entry.Pairs.Length);
                foreach (var p in entry.Pairs)
                {
                    writer.Write(p.Source);
                    bool same = p.Source == p.Target;
                    writer.Write(same);
                    if (!same) writer.Write(p.Target);
                }
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log?.Invoke($"sentence cache not written ({e.Message}); the corpus will be processed again next time");
            try { File.Delete(temp); }
            catch (Exception d) when (d is IOException or UnauthorizedAccessException) { /* no temporary file was made */ }
        }
    }

    /// <summary>
    /// True when a folder's mode has no write bit at all. Root may write there anyway; a read-only shared data
    /// set is still not the place for a cache.
    /// </summary>
    private static bool IsReadOnlyByMode(string directory) =>
        !OperatingSystem.IsWindows() && Directory.Exists(directory)
        && (File.GetUnixFileMode(directory) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
