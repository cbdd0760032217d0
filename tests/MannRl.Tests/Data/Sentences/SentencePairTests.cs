using MannRl.Config;
using MannRl.Data.Sentences;

namespace MannRl.Tests.Data.Sentences;

public class SentencePairTests
{
    private const char S = SentenceSymbols.Start, E = SentenceSymbols.End, X = SentenceSymbols.Empty, P = SentenceSymbols.Separator;

    [Fact]
    public void Reserved_symbols_are_the_originals_code_points()
    {
        Assert.Equal(0x0298, SentenceSymbols.Start);
        Assert.Equal(0x0444, SentenceSymbols.End);
        Assert.Equal(0x02FD, SentenceSymbols.Empty);
        Assert.Equal(0x043D, SentenceSymbols.Separator);
    }

    [Fact]
    public void Memorisation_pair_with_digit_reading_targets()
    {
        var (input, target) = new SentencePair("Hi there", "Hi there").ToStrings(ReadingTarget.Digits);
        Assert.Equal($"{S}Hi there{P}{X}{X}{X}{X}{X}{X}{X}{X}{X}", input);
        Assert.Equal($"{S}01234567{P}Hi there{E}", target);
        Assert.Equal(input.Length, target.Length);
    }

    [Fact]
    public void Memorisation_pair_with_empty_reading_targets()
    {
        var (input, target) = new SentencePair("Hi!", "Hi!").ToStrings(ReadingTarget.Empty);
        Assert.Equal($"{S}Hi!{P}{X}{X}{X}{X}", input);
        Assert.Equal($"{S}{X}{X}{X}{P}Hi!{E}", target);
    }

    [Fact]
    public void Digits_repeat_past_ten()
    {
        var (_, target) = new SentencePair("abcdefghijkl", "z").ToStrings(ReadingTarget.Digits);
        Assert.Equal($"{S}012345678901{P}z{E}", target);
    }

    [Theory]
    [InlineData(ReadingTarget.Digits)]
    [InlineData(ReadingTarget.Empty)]
    public void Translation_pairs_in_both_directions(ReadingTarget reading)
    {
        var pairs = SentencePair.FromAligned(["Yes.", "", "Cat"], ["Oui.", "Non", "Chat"], bothDirections: true);
        Assert.Equal([new("Yes.", "Oui."), new("Oui.", "Yes."), new("Cat", "Chat"), new("Chat", "Cat")], pairs);

        var (input, target) = pairs[2].ToStrings(reading);
        Assert.Equal($"{S}Cat{P}{X}{X}{X}{X}{X}", input);
        Assert.Equal(reading == ReadingTarget.Digits ? $"{S}012{P}Chat{E}" : $"{S}{X}{X}{X}{P}Chat{E}", target);
        (input, target) = pairs[3].ToStrings(reading);
        Assert.Equal($"{S}Chat{P}{X}{X}{X}{X}", input);
        Assert.Equal(reading == ReadingTarget.Digits ? $"{S}0123{P}Cat{E}" : $"{S}{X}{X}{X}{X}{P}Cat{E}", target);
    }

    [Fact]
    public void Duplicates_and_empty_lines_are_dropped()
    {
        var memo = SentencePair.FromAligned(["a b", "", "a b", "c"], ["a b", "", "a b", "c"], bothDirections: false);
        Assert.Equal([new("a b", "a b"), new("c", "c")], memo);
        // Identical sentences on both sides make one pair, not two.
        var translation = SentencePair.FromAligned(["OK"], ["OK"], bothDirections: true);
        Assert.Single(translation);
    }

    [Fact]
    public void Lengths_count_code_points()
    {
        string face = char.ConvertFromUtf32(0x1F600);
        var pair = new SentencePair($"a{face}", "xyz");
        Assert.Equal(2 + 3 + 3, pair.Length);
        var (input, target) = pair.ToStrings(ReadingTarget.Digits);
        Assert.Equal($"{S}01{P}xyz{E}", target);
        Assert.Equal($"{S}a{face}{P}{X}{X}{X}{X}", input);
    }

    [Fact]
    public void Character_pairs_cover_every_non_reserved_symbol()
    {
        var vocabulary = new SentenceVocabulary([.. SentenceSymbols.All, 'b', 'a', ' ']);
        var pairs = SentencePair.CharacterPairs(vocabulary.CodePoints);
        Assert.Equal([new(" ", " "), new("a", "a"), new("b", "b")], pairs);
        Assert.Equal(($"{S}a{P}{X}{X}", $"{S}0{P}a{E}"), pairs[1].ToStrings(ReadingTarget.Digits));
    }

    [Fact]
    public void Vocabulary_is_sorted_by_code_point_and_encodes()
    {
        string face = char.ConvertFromUtf32(0x1F600);
        var vocabulary = new SentenceVocabulary([0x1F600, 0xFFEE, 'b', 'a', 'a', SentenceSymbols.End]);
        Assert.Equal([(int)'a', 'b', SentenceSymbols.End, 0xFFEE, 0x1F600], vocabulary.CodePoints);
        Assert.Equal(["a", "b", "\u0444", "\uFFEE", face], vocabulary.Symbols);
        Assert.Equal([4, 0, 1], vocabulary.Encode($"{face}ab"));
        Assert.Throws<ArgumentException>(() => vocabulary.Encode("c"));
    }
}
