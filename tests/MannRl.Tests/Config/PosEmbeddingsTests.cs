using MannRl.Config;
using MannRl.Data.Pos;
using MannRl.Tests.Data.Pos;

namespace MannRl.Tests.Config;

public class PosEmbeddingsTests
{
    [Fact]
    public void Parses_the_three_forms()
    {
        Assert.Equal(new PosEmbeddings(PosEmbeddingKind.Glove, null, "/x/glove.840B.300d.txt"), PosEmbeddings.Parse("glove:/x/glove.840B.300d.txt"));
        Assert.Equal(new PosEmbeddings(PosEmbeddingKind.Glove, null, @"C:\g.txt"), PosEmbeddings.Parse(@"glove:C:\g.txt"));
        Assert.Equal(new PosEmbeddings(PosEmbeddingKind.Random, 300, null), PosEmbeddings.Parse("random:300"));
        Assert.Equal(new PosEmbeddings(PosEmbeddingKind.Learned, 100, null), PosEmbeddings.Parse("learned:100"));
        Assert.Equal("learned:100", PosEmbeddings.Parse("learned:100").ToString());
        Assert.Equal("glove:a:b", PosEmbeddings.Parse("glove:a:b").ToString());
    }

    [Theory]
    [InlineData("glove:", "glove:PATH")]
    [InlineData("random", "random:DIM")]
    [InlineData("random:0", "random:DIM")]
    [InlineData("learned:-5", "learned:DIM")]
    [InlineData("learned:1e2", "learned:DIM")]
    [InlineData("word2vec:x", "use glove:PATH, random:DIM or learned:DIM")]
    [InlineData("GloVe:x", "use glove:PATH, random:DIM or learned:DIM")] // names are case-sensitive, as in the config
    [InlineData(" learned:100", "use glove:PATH, random:DIM or learned:DIM")]
    [InlineData("learned: 100", "learned:DIM")]
    public void Rejects_bad_values_naming_them(string spec, string fix)
    {
        var e = Assert.Throws<ArgumentException>(() => PosEmbeddings.Parse(spec));
        Assert.Contains($"'{spec}'", e.Message);
        Assert.Contains(fix, e.Message);
    }

    [Fact]
    public void Default_is_glove_under_the_data_dir_else_random_300_with_a_warning()
    {
        using var dir = new PosTestData.TempDir();
        var warnings = new List<string>();
        var r = PosTask.ResolveEmbeddings(null, dir.Path, warnings.Add);
        Assert.Equal(new PosEmbeddings(PosEmbeddingKind.Random, 300, null), r);
        Assert.Single(warnings);
        Assert.Contains("random:300", warnings[0]);
        Assert.Contains(Path.Combine(dir.Path, "glove", "glove.840B.300d.txt"), warnings[0]);

        string glove = dir.Write(Path.Combine("glove", "glove.840B.300d.txt"), "the 1 2\n");
        warnings.Clear();
        Assert.Equal(new PosEmbeddings(PosEmbeddingKind.Glove, null, glove), PosTask.ResolveEmbeddings(null, dir.Path, warnings.Add));
        Assert.Empty(warnings);
        Assert.Equal(PosEmbeddingKind.Learned, PosTask.ResolveEmbeddings(PosEmbeddings.Parse("learned:8"), dir.Path, warnings.Add).Kind);
    }
}
