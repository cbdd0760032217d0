using MannRl.Config;
using MannRl.Data.Pos;
using static MannRl.Tests.Data.Pos.PosTestData;

namespace MannRl.Tests.Data.Pos;

public class ConlluReaderTests
{
    private static IReadOnlyList<ConlluToken[]> Read(string text) => ConlluReader.Read(new StringReader(text), "mem.conllu");

    private static string Forms(ConlluToken[] s) => string.Join(' ', s.Select(t => t.Form));

    [Fact]
    public void Skips_comments_multiword_tokens_and_empty_nodes()
    {
        string text = string.Join('\n',
            "# sent_id = a",
            "# text = I don't know.",
            Word(1, "I", "PRON", "PRP"),
            "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
            Word(2, "do", "AUX", "VBP"),
            Word(3, "n't", "PART", "RB"),
            "3.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t_\t_",
            Word(4, "know", "VERB", "VB"),
            Word(5, ".", "PUNCT", "."),
            "",
            "0.1\tgap\t_\tX\tX\t_\t_\t_\t_\t_",
            Word(1, "Hi", "INTJ", "UH"),
            "");
        var s = Read(text);
        Assert.Equal(2, s.Count);
        Assert.Equal("I do n't know .", Forms(s[0]));
        Assert.Equal(new ConlluToken("n't", "PART", "RB"), s[0][2]);
        Assert.Equal("Hi", Forms(s[1]));
    }

    [Fact]
    public void Accepts_crlf_several_blank_lines_whitespace_lines_and_no_final_newline()
    {
        string text = "\r\n\r\n# c\r\n" + Word(1, "a", "X", "FW") + "\r\n" + Word(2, "b", "X", "FW") + "\r\n\r\n \t\r\n\r\n"
                      + Word(1, "c", "NOUN", "NN");
        var s = Read(text);
        Assert.Equal(2, s.Count);
        Assert.Equal("a b", Forms(s[0]));
        Assert.Equal("FW", s[0][1].Xpos);
        Assert.Equal("c", Forms(s[1]));
        Assert.Equal("NN", s[1][0].Xpos); // no stray '\r' left in the last column read
    }

    [Fact]
    public void Empty_text_has_no_sentences() => Assert.Empty(Read("# only a comment\n\n"));

    [Theory]
    [InlineData("1\ta\t_\tX\tX\t_\t_\t_\t_", "line 2: expected 10 tab-separated columns, found 9")]
    [InlineData("1\ta\t_\tX\tX\t_\t_\t_\t_\t_\t_", "line 2: expected 10 tab-separated columns, found 11")]
    [InlineData("1 a _ X X _ _ _ _ _", "line 2: expected 10 tab-separated columns, found 1")]
    [InlineData("x\ta\t_\tX\tX\t_\t_\t_\t_\t_", "line 2: bad id 'x'")]
    [InlineData("0\ta\t_\tX\tX\t_\t_\t_\t_\t_", "line 2: bad id '0'")]
    [InlineData("1-\ta\t_\tX\tX\t_\t_\t_\t_\t_", "line 2: bad id '1-'")]
    [InlineData("1.x\ta\t_\tX\tX\t_\t_\t_\t_\t_", "line 2: bad id '1.x'")]
    [InlineData("2\ta\t_\tX\tX\t_\t_\t_\t_\t_", "line 2: word id 2 where 1 was expected")]
    [InlineData("1\t\t_\tX\tX\t_\t_\t_\t_\t_", "line 2: the FORM column (2) is empty")]
    [InlineData("1\ta\t_\t\tX\t_\t_\t_\t_\t_", "line 2: the UPOS column (4) is empty")]
    [InlineData("1\ta\t_\tX\t\t_\t_\t_\t_\t_", "line 2: the XPOS column (5) is empty")]
    public void Malformed_lines_name_the_source_line_and_fault(string badLine, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => Read("# c\n" + badLine + "\n"));
        Assert.StartsWith("mem.conllu, ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Ids_restart_at_one_in_each_sentence_and_must_count_up()
    {
        string text = Word(1, "a", "X", "X") + "\n" + Word(2, "b", "X", "X") + "\n\n" + Word(1, "c", "X", "X") + "\n" + Word(3, "d", "X", "X") + "\n";
        var e = Assert.Throws<InvalidDataException>(() => Read(text));
        Assert.Contains("line 5: word id 3 where 2 was expected", e.Message);
    }

    [Fact]
    public void ReadFile_names_the_path_and_accepts_a_byte_order_mark()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "x.conllu");
        File.WriteAllText(path, Word(1, "é", "X", "X") + "\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal("é", ConlluReader.ReadFile(path)[0][0].Form);

        File.WriteAllText(path, "1\ta\n");
        var e = Assert.Throws<InvalidDataException>(() => ConlluReader.ReadFile(path));
        Assert.Contains(path + ", line 1:", e.Message);
    }

    [Fact]
    public void Missing_xpos_falls_back_to_upos()
    {
        var t = new ConlluToken("word", "NOUN", "_");
        Assert.Equal("NOUN", t.Tag(PosTagset.Xpos));
        Assert.Equal("NOUN", t.Tag(PosTagset.Upos));
        var u = new ConlluToken("word", "NOUN", "NN");
        Assert.Equal("NN", u.Tag(PosTagset.Xpos));
        Assert.Equal("NOUN", u.Tag(PosTagset.Upos));
    }
}
