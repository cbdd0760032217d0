namespace MannRl.Tests.Data.Pos;

/// <summary>Paths and scratch folders for the POS tests.</summary>
internal static class PosTestData
{
    /// <summary>The shared data directory: &lt;repo root&gt;/../shared/data, the repo root being the folder with MannRl.slnx.</summary>
    public static string SharedDataDir
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MannRl.slnx"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException($"no MannRl.slnx above {AppContext.BaseDirectory}");
            string data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            if (!Directory.Exists(Path.Combine(data, "ud-english-ewt")))
                throw new InvalidOperationException($"the shared UD English EWT data is missing: expected {data}/ud-english-ewt");
            return data;
        }
    }

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
