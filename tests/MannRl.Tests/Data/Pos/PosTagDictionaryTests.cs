using MannRl.Config;
using MannRl.Data.Pos;

namespace MannRl.Tests.Data.Pos;

public class PosTagDictionaryTests
{
    private static ConlluToken[] S(params string[] words) =>
        words.Select(w => { var p = w.Split('/'); return new ConlluToken(p[0], p[1], p[2]); }).ToArray();

    [Fact]
    public void Tags_are_numbered_by_first_appearance_over_train_validation_test()
    {
        var corpus = new PosCorpus(
            Train: [S("Dogs/NOUN/NNS", "bark/VERB/VBP", "./PUNCT/."), S("A/DET/DT", "dog/NOUN/NN")],
            Validation: [S("Run/VERB/VB", "!/PUNCT/.")],
            Test: [S("Quickly/ADV/RB", "run/VERB/VB")]);
        var x = PosTagDictionary.Build(corpus, PosTagset.Xpos);
        Assert.Equal(["NNS", "VBP", ".", "DT", "NN", "VB", "RB"], x.Tags);
        Assert.Equal(4, x.Id("NN"));
        Assert.Throws<KeyNotFoundException>(() => x.Id("JJ"));
        var u = PosTagDictionary.Build(corpus, PosTagset.Upos);
        Assert.Equal(["NOUN", "VERB", "PUNCT", "DET", "ADV"], u.Tags);
        Assert.Equal(1, u.Id(new ConlluToken("x", "VERB", "VBZ")));
    }

    [Fact]
    public void The_end_tag_is_appended_last_when_the_data_lacks_it()
    {
        var corpus = new PosCorpus([S("Hi/INTJ/UH", "there/ADV/RB")], [S("Bye/INTJ/UH")], []);
        Assert.Equal(["UH", "RB", "."], PosTagDictionary.Build(corpus, PosTagset.Xpos).Tags);
        Assert.Equal(["INTJ", "ADV", "PUNCT"], PosTagDictionary.Build(corpus, PosTagset.Upos).Tags);
    }

    [Theory]
    [InlineData(".", false)]
    [InlineData("!", false)]
    [InlineData("?", false)]
    [InlineData("...", true)]
    [InlineData(")", true)]
    [InlineData("word", true)]
    public void End_symbol_is_appended_unless_the_last_word_is_an_end_mark(string last, bool appended)
    {
        var s = S("Go/VERB/VB", last + "/PUNCT/.");
        var r = PosEndSymbol.Apply(s);
        Assert.Equal(s.Length + (appended ? 1 : 0), r.Length);
        if (appended)
        {
            Assert.Equal(new ConlluToken(".", "PUNCT", "."), r[^1]);
            Assert.Equal(s, r[..^1]);
        }
        else Assert.Same(s, r);
    }

    [Fact]
    public void End_rule_tests_the_word_not_the_tag()
    {
        // "?" tagged as something odd still ends the sentence; "." tagged NFP as well.
        Assert.Single(PosEndSymbol.Apply(S("?/SYM/NFP")));
        // A final word tagged '.' that is not an end mark gets the end symbol after it.
        Assert.Equal(2, PosEndSymbol.Apply(S(";/PUNCT/.")).Length);
    }
}
