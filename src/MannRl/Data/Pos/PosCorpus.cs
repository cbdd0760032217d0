namespace MannRl.Data.Pos;

/// <summary>
/// The raw UD English EWT sentences of the three splits, as read from
/// <c>&lt;data-dir&gt;/ud-english-ewt/en_ewt-ud-{train,dev,test}.conllu</c> (no end symbol, no truncation).
/// </summary>
/// <param name="Train">Training sentences, in file order.</param>
/// <param name="Validation">Validation sentences (the <c>dev</c> file), in file order.</param>
/// <param name="Test">Test sentences, in file order.</param>
public sealed record PosCorpus(IReadOnlyList<ConlluToken[]> Train, IReadOnlyList<ConlluToken[]> Validation, IReadOnlyList<ConlluToken[]> Test)
{
    /// <summary>The folder under the data directory that holds the treebank.</summary>
    public const string FolderName = "ud-english-ewt";

    /// <summary>The file-name part of each split, in the order train, validation, test.</summary>
    public static readonly IReadOnlyList<string> FileSplits = ["train", "dev", "test"];

    /// <summary>Where the treebank lives under <paramref name="dataDir"/>.</summary>
    public static string Folder(string dataDir) => Path.Combine(dataDir, FolderName);

    /// <summary>The file name of a file split (<c>train</c>, <c>dev</c> or <c>test</c>).</summary>
    public static string FileName(string fileSplit) => $"en_ewt-ud-{fileSplit}.conllu";

    /// <summary>Reads the three splits from <paramref name="dataDir"/>.</summary>
    /// <exception cref="FileNotFoundException">A split file is missing; the message says where to put it and how to fetch it.</exception>
    /// <exception cref="InvalidDataException">A file is not valid CoNLL-U.</exception>
    public static PosCorpus Load(string dataDir)
    {
        string folder = Folder(dataDir);
        var splits = new IReadOnlyList<ConlluToken[]>[FileSplits.Count];
        for (int i = 0; i < splits.Length; i++)
        {
            string path = Path.Combine(folder, FileName(FileSplits[i]));
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"UD English EWT file not found: {path}. Put {string.Join(", ", FileSplits.Select(FileName))} " +
                    $"(from {UdFetcher.RepositoryUrl}) in {folder}, or run `mannrl data fetch udpos` to download them there.",
                    path);
            splits[i] = ConlluReader.ReadFile(path);
            if (splits[i].Count == 0) throw new InvalidDataException($"{path} holds no sentences");
        }
        return new PosCorpus(splits[0], splits[1], splits[2]);
    }
}
