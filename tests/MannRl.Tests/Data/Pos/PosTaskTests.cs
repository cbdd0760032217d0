using MannRl.Config;
using MannRl.Data;
using MannRl.Data.Pos;
using static MannRl.Tests.Data.Pos.PosTestData;

namespace MannRl.Tests.Data.Pos;

public class PosTaskTests
{
    // train: 3 sentences; the second lacks an end mark, so it gets the '.' end symbol.
    private static TempDir SmallDataDir()
    {
        var dir = new TempDir();
        dir.Write("ud-english-ewt/en_ewt-ud-train.conllu", Conllu(
            ["The/DET/DT", "dog/NOUN/NN", "barks/VERB/VBZ", "./PUNCT/."],
            ["the/DET/DT", "Dog/PROPN/NNP"],
            ["Dogs/NOUN/NNS", "bark/VERB/VBP", "!/PUNCT/."]));
        dir.Write("ud-english-ewt/en_ewt-ud-dev.conllu", Conllu(["Bark/VERB/VB", "?/PUNCT/."], ["dog/NOUN/NN", ":)/SYM/NFP"]));
        dir.Write("ud-english-ewt/en_ewt-ud-test.conllu", Conllu(["Woof/INTJ/UH"]));
        return dir;
    }

    [Fact]
    public void Random_vectors_give_a_dense_dataset_with_end_symbols()
    {
        using var dir = SmallDataDir();
        var data = PosTask.LoadData(dir.Path, new PosOptions { Embeddings = PosEmbeddings.Parse("random:4") });
        var ds = data.Dataset;
        Assert.Equal("udpos", ds.Name);
        Assert.Equal(4, ds.InputDim);
        Assert.Null(ds.InputSymbols);
        Assert.Null(data.LearnedEmbeddingDim);
        Assert.Equal(["DT", "NN", "VBZ", ".", "NNP", "NNS", "VBP", "VB", "NFP", "UH"], ds.TargetSymbols);
        Assert.Equal([4, 3, 3], ds.Train.Select(s => s.Length));
        Assert.Equal([0, 4, 3], ds.Train[1].Targets);          // the Dog + '.'
        Assert.Equal([7, 3], ds.Validation[0].Targets);         // "?" ends it: nothing appended
        Assert.Equal([1, 8, 3], ds.Validation[1].Targets);
        Assert.Equal([9, 3], ds.Test[0].Targets);

        // The input of a word is its random vector; the appended '.' has the vector of the word '.'.
        var vectors = new RandomWordVectors(4, 13);
        var dot = new float[4];
        vectors.CopyTo(".", dot);
        Assert.Equal(dot, ds.Train[1].InputVectors![8..12]);
        Assert.Equal(dot, ds.Train[0].InputVectors![12..16]);
    }

    [Fact]
    public void Upos_targets_and_upos_end_tag()
    {
        using var dir = SmallDataDir();
        var ds = PosTask.Load(dir.Path, new PosOptions { Tagset = PosTagset.Upos, Embeddings = PosEmbeddings.Parse("random:2") });
        Assert.Equal(["DET", "NOUN", "VERB", "PUNCT", "PROPN", "SYM", "INTJ"], ds.TargetSymbols);
        Assert.Equal([0, 4, 3], ds.Train[1].Targets);
        Assert.Equal([6, 3], ds.Test[0].Targets);
    }

    [Fact]
    public void Learned_embeddings_give_word_ids_over_a_lower_cased_train_vocabulary()
    {
        using var dir = SmallDataDir();
        var data = PosTask.LoadData(dir.Path, new PosOptions { Embeddings = PosEmbeddings.Parse("learned:16") });
        var ds = data.Dataset;
        Assert.Equal(16, data.LearnedEmbeddingDim);
        // train words after the end rule: the dog barks . | the dog . | dogs bark ! -> the 2, dog 2, . 2
        Assert.Equal(["<unk>", "the", "dog", "."], ds.InputSymbols);
        Assert.Equal(4, ds.InputDim);
        Assert.Equal([1, 2, 0, 3], ds.Train[0].InputIds!);
        Assert.Null(ds.Train[0].InputVectors!);
        Assert.Equal([2, 0, 3], ds.Validation[1].InputIds!);
    }

    [Fact]
    public void Glove_vectors_are_looked_up_exactly_with_zeros_for_unknown_words()
    {
        using var dir = SmallDataDir();
        string glove = dir.Write("vectors.txt", "the 1 2\nDog 3 4\n. 5 6\nunused 7 8\n");
        var warnings = new List<string>();
        var ds = PosTask.Load(dir.Path, new PosOptions { Embeddings = PosEmbeddings.Parse("glove:" + glove) }, warnings.Add);
        Assert.Equal(2, ds.InputDim);
        Assert.Equal([0, 0, 0, 0, 0, 0, 5, 6], ds.Train[0].InputVectors!);  // The dog barks .
        Assert.Equal([1, 2, 3, 4, 5, 6], ds.Train[1].InputVectors!);        // the Dog .
        Assert.Single(warnings); // the, Dog and four end dots: 6 of 17 corpus words have vectors
        Assert.Contains("6 of 17", warnings[0]);
    }

    [Fact]
    public void Without_embeddings_configured_random_300_is_used_with_a_warning()
    {
        using var dir = SmallDataDir();
        var warnings = new List<string>();
        var ds = PosTask.Load(dir.Path, new PosOptions(), warnings.Add);
        Assert.Equal(300, ds.InputDim);
        Assert.Contains("random:300", Assert.Single(warnings));
    }

    [Fact]
    public void Train_truncation_keeps_a_seeded_subset_in_file_order()
    {
        var sentences = Enumerable.Range(0, 50).Select(i => new[] { new ConlluToken("w" + i, "X", "X") }).ToArray();
        var a = PosTask.Truncate(sentences, 10, seed: 13);
        Assert.Equal(10, a.Count);
        Assert.Equal(a, PosTask.Truncate(sentences, 10, seed: 13));
        Assert.NotEqual(a, PosTask.Truncate(sentences, 10, seed: 14));
        var idx = a.Select(s => Array.IndexOf(sentences, s)).ToArray();
        Assert.Equal(idx.Order(), idx);
        Assert.NotEqual(Enumerable.Range(0, 10), idx); // a random subset, not the first ten
        Assert.Same(sentences, PosTask.Truncate(sentences, -1, 13));
        Assert.Same(sentences, PosTask.Truncate(sentences, 0, 13));
        Assert.Same(sentences, PosTask.Truncate(sentences, 50, 13));

        using var dir = SmallDataDir();
        var ds = PosTask.Load(dir.Path, new PosOptions { Embeddings = PosEmbeddings.Parse("random:2"), TrainTruncate = 2 });
        Assert.Equal(2, ds.Train.Count);
        Assert.Equal(2, ds.Validation.Count);
        Assert.Equal(10, ds.TargetDim); // tags still over the whole corpus
    }

    [Fact]
    public void A_missing_file_says_where_to_put_it_and_how_to_fetch_it()
    {
        using var dir = SmallDataDir();
        File.Delete(Path.Combine(dir.Path, "ud-english-ewt", "en_ewt-ud-dev.conllu"));
        var e = Assert.Throws<FileNotFoundException>(() => PosTask.Load(dir.Path, new PosOptions { Embeddings = PosEmbeddings.Parse("random:2") }));
        Assert.Contains(Path.Combine(dir.Path, "ud-english-ewt", "en_ewt-ud-dev.conllu"), e.Message);
        Assert.Contains("mannrl data fetch udpos", e.Message);
        Assert.Contains("en_ewt-ud-train.conllu, en_ewt-ud-dev.conllu, en_ewt-ud-test.conllu", e.Message);
    }

    [Fact]
    public void Build_needs_resolved_embeddings()
    {
        var corpus = new PosCorpus([[new ConlluToken("a", "X", "X")]], [], []);
        Assert.Throws<ArgumentException>(() => PosTask.Build(corpus, new PosOptions()));
        Assert.IsType<SequenceDataset>(PosTask.Build(corpus, new PosOptions { Embeddings = PosEmbeddings.Parse("random:3") }).Dataset);
    }
}
