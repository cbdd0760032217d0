using System.Text;

namespace MannRl.Tests.Data.Sentences;

/// <summary>Locations of shared data and scratch folders for the sentence tests.</summary>
internal sealed class SentenceTestData : IDisposable
{
    /// <summary>A fresh scratch data dir, deleted on dispose.</summary>
    public SentenceTestData()
    {
        Dir = Path.Combine(Path.GetTempPath(), $"mannrl-sentences-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    /// <summary>Writes lines joined by <paramref name="newline"/> (with a final one) to a file of the scratch dir.</summary>
    public string Write(string name, IEnumerable<string> lines, string newline = "\n", bool bom = false)
    {
        string path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string text = string.Concat(lines.Select(l => l + newline));
        File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    /// <summary>
    /// Distinct sentences of 3..40 characters over a 30-letter alphabet, each letter frequent enough (more than 7 times)
    /// that cleaning keeps every one.
    /// </summary>
    public static List<string> Sentences(int count, int seed = 1)
    {
        var rng = new Random(seed);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz .,0";
        var seen = new HashSet<string>();
        var lines = new List<string>();
        while (lines.Count < count)
        {
            int n = rng.Next(3, 41);
            var sb = new StringBuilder();
            for (int i = 0; i < n; i++) sb.Append(alphabet[rng.Next(alphabet.Length)]);
            string s = string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (s.Length > 0 && seen.Add(s)) lines.Add(s);
        }
        return lines;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); }
        catch (IOException) { }
    }
}
