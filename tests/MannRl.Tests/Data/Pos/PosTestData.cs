namespace MannRl.Tests.Data.Pos;

/// <summary>Paths and scratch folders for the POS tests.</summary>
internal static class PosTestData
{
    /// <summary>A fresh empty folder, deleted when disposed.</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mannrl-pos-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string relative, string text)
        {
            string p = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
            File.WriteAllText(p, text);
            return p;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A CoNLL-U word line: id, form, upos, xpos, the other columns "_".</summary>
    public static string Word(int id, string form, string upos, string xpos) =>
        $"{id}\t{form}\t_\t{upos}\t{xpos}\t_\t_\t_\t_\t_";

    /// <summary>CoNLL-U text of sentences given as "form/UPOS/XPOS" words.</summary>
    public static string Conllu(params string[][] sentences)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var s in sentences)
        {
            sb.Append("# text = ").Append(string.Join(' ', s.Select(w => w.Split('/')[0]))).Append('\n');
            for (int i = 0; i < s.Length; i++)
            {
                var p = s[i].Split('/');
                sb.Append(Word(i + 1, p[0], p[1], p[2])).Append('\n');
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
