using MannRl.Data.Pos;
using static MannRl.Tests.Data.Pos.PosTestData;

namespace MannRl.Tests.Data.Pos;

public class GloveVectorsTests
{
    private const string Small =
        "the 0.1 0.2 0.3\n" +
        ", -1 2.5e-1 3\n" +
        ". . . 1 2 3\n" +          // glove.840B has words with spaces: the last d fields are the numbers
        "café 4 5 6\r\n" +
        "日本 7 8 9   \n" +
        "\n" +
        "The 10 11 12\n" +
        "the 13 14 15\n";           // a repeated word keeps its last vector (torchtext's dict)

    private static float[] Get(IWordVectors v, string word, out bool known)
    {
        var x = new float[v.Dimension];
        known = v.CopyTo(word, x);
        return x;
    }

    [Fact]
    public void Reads_dimension_from_the_first_line_and_words_with_spaces_and_unicode()
    {
        var g = GloveVectors.Read(new StringReader(Small), "small.txt");
        Assert.Equal(3, g.Dimension);
        Assert.Equal(6, g.Count);
        Assert.Equal([1f, 2f, 3f], Get(g, ". . .", out _));
        Assert.Equal([4f, 5f, 6f], Get(g, "café", out _));
        Assert.Equal([7f, 8f, 9f], Get(g, "日本", out _));
        Assert.Equal([-1f, 0.25f, 3f], Get(g, ",", out _));
        Assert.Equal([13f, 14f, 15f], Get(g, "the", out _));
    }

    [Fact]
    public void Lookup_is_case_sensitive_and_unknown_words_get_zeros()
    {
        var g = GloveVectors.Read(new StringReader(Small), "small.txt");
        Assert.Equal([10f, 11f, 12f], Get(g, "The", out bool known));
        Assert.True(known);
        Assert.Equal([0f, 0f, 0f], Get(g, "THE", out known));
        Assert.False(known);
        Assert.Equal([0f, 0f, 0f], Get(g, "cafe", out _));
    }

    [Fact]
    public void Keeps_only_the_vocabulary()
    {
        var g = GloveVectors.Read(new StringReader(Small), "small.txt", ["café", ". . .", "absent"]);
        Assert.Equal(2, g.Count);
        Assert.True(g.Contains("café"));
        Assert.False(g.Contains("the"));
        Assert.Equal([1f, 2f, 3f], Get(g, ". . .", out _));
    }

    [Fact]
    public void Accepts_a_word2vec_header()
    {
        var g = GloveVectors.Read(new StringReader("2 2\na 1 2\nb 3 4\n"), "w2v.txt");
        Assert.Equal(2, g.Dimension);
        Assert.Equal(2, g.Count);
        Assert.Equal([3f, 4f], Get(g, "b", out _));
    }

    [Theory]
    [InlineData("the 0.1 0.2 0.3\nbad 1 x 3\n", "line 2: value 2 of 'bad' is 'x', not a number")]
    [InlineData("the 0.1 0.2 0.3\nbad 1 2\n", "line 2: expected a word and 3 numbers, found 3 fields")]
    [InlineData("the 0.1 0.2 0.3\nbad 1  3\n", "line 2: value 2 of 'bad' is '', not a number")]
    [InlineData("the 0.1 0.2 0.3\n 1 2 3\n", "line 2: the word is empty")]
    [InlineData("\n\nlonely\n", "line 3: a GloVe line needs a word and at least one number")]
    public void Malformed_lines_name_the_file_and_line(string text, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => GloveVectors.Read(new StringReader(text), "bad.txt"));
        Assert.StartsWith("bad.txt, ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Numbers_of_words_outside_the_vocabulary_are_not_parsed()
    {
        var g = GloveVectors.Read(new StringReader("the 0.1 0.2 0.3\nskip 1 x 3\nkeep 1 2 3\n"), "v.txt", ["keep"]);
        Assert.Equal([1f, 2f, 3f], Get(g, "keep", out _));
    }

    [Fact]
    public void Load_reads_a_file_and_names_a_missing_one()
    {
        using var dir = new TempDir();
        string path = dir.Write("g.txt", Small);
        Assert.Equal(3, GloveVectors.Load(path, ["日本"]).Dimension);
        string missing = Path.Combine(dir.Path, "none.txt");
        var e = Assert.Throws<FileNotFoundException>(() => GloveVectors.Load(missing));
        Assert.Contains(missing, e.Message);
        Assert.Throws<InvalidDataException>(() => GloveVectors.Load(dir.Write("empty.txt", "\n")));
    }
}
