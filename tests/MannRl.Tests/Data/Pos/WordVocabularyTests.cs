using MannRl.Data.Pos;

namespace MannRl.Tests.Data.Pos;

public class WordVocabularyTests
{
    private static ConlluToken[] S(string text) => text.Split(' ').Select(w => new ConlluToken(w, "X", "X")).ToArray();

    [Fact]
    public void Lower_cased_words_seen_twice_get_ids_by_first_appearance()
    {
        var v = WordVocabulary.Build([S("The dog saw the cat ."), S("A Dog ran . Ünï ünï")]);
        // counts: the 2, dog 2, saw 1, cat 1, . 2, a 1, ran 1, ünï 2
        Assert.Equal(["<unk>", "the", "dog", ".", "ünï"], v.Words);
        Assert.Equal(5, v.Count);
        Assert.Equal(2, v.Id("DOG"));
        Assert.Equal(4, v.Id("ÜNÏ"));
        Assert.Equal(0, v.Id("cat"));
        Assert.Equal(0, v.Id("never"));
    }

    [Fact]
    public void A_literal_unk_word_stays_the_unknown_id()
    {
        var v = WordVocabulary.Build([S("<unk> <UNK> x")]);
        Assert.Equal(["<unk>"], v.Words);
        Assert.Equal(0, v.Id("<unk>"));
    }
}
