using System.Text;
using MannRl.Data.Pos;
using MannRl.IO;

namespace MannRl.Data.Sentences;

/// <summary>
/// The offline sentence corpus <see cref="SentenceFile.OfflineCorpus"/> (<c>mannrl data fetch sentences</c>): the
/// <c># text = </c> lines of UD English EWT's train split, one sentence per line, in the treebank's order. It has the
/// shape of a WMT news-commentary side, so the sentence-memorisation configs run on it where WMT14 is not at hand.
/// </summary>
public static class EwtSentences
{
    /// <summary>The CoNLL-U comment that holds a sentence's text.</summary>
    public const string TextComment = "# text = ";

    /// <summary>The sentences of CoNLL-U text: every <see cref="TextComment"/> line, without the prefix.</summary>
    public static IReadOnlyList<string> Extract(IEnumerable<string> conlluLines) =>
        conlluLines.Where(l => l.StartsWith(TextComment, StringComparison.Ordinal)).Select(l => l[TextComment.Length..].TrimEnd('\r')).ToArray();

    /// <summary>
    /// Writes <c>&lt;data-dir&gt;/sentences/en-ewt-train.txt</c> (atomically, UTF-8, one sentence and a newline per
    /// line) from the EWT train file under <paramref name="dataDir"/>; returns its path and the number of sentences.
    /// </summary>
    /// <exception cref="FileNotFoundException">The EWT train file is missing (<c>mannrl data fetch udpos</c> gets it).</exception>
    /// <exception cref="InvalidDataException">The file holds no <c># text = </c> lines.</exception>
    public static (string Path, int Sentences) Write(string dataDir)
    {
        string conllu = Path.Combine(PosCorpus.Folder(dataDir), PosCorpus.FileName("train"));
        if (!File.Exists(conllu))
            throw new FileNotFoundException($"{conllu} not found; 'mannrl data fetch udpos' downloads UD English EWT there", conllu);
        var sentences = Extract(File.ReadLines(conllu, Encoding.UTF8));
        if (sentences.Count == 0)
            throw new InvalidDataException($"{conllu} holds no '{TextComment.Trim()}' lines; is it UD English EWT's train file?");
        string path = SentenceFile.Resolve(dataDir, SentenceFile.OfflineCorpus);
        var text = new StringBuilder();
        foreach (string s in sentences) text.Append(s).Append('\n');
        AtomicFile.WriteText(path, text.ToString());
        return (path, sentences.Count);
    }
}
