namespace MannRl.Data.Pos;

/// <summary>
/// The udpos end-of-sequence rule. The memory is not reset between the sequences a batch slot streams, so every
/// sentence must end in a visible end mark: a sentence whose last word is not <c>.</c>, <c>!</c> or <c>?</c> gets
/// an extra word <c>.</c>. As in the original, the test is on the word form, not the tag (a final <c>...</c> or
/// <c>)</c> gets a <c>.</c> after it). The appended word carries XPOS <c>.</c> (the original's tag) and UPOS
/// <c>PUNCT</c> (the universal tag of <c>.</c> in UD), so either tagset gets a tag its data already has.
/// </summary>
public static class PosEndSymbol
{
    /// <summary>The appended word.</summary>
    public const string Word = ".";

    /// <summary>The appended word with its tags in both tagsets.</summary>
    public static readonly ConlluToken Token = new(Word, "PUNCT", ".");

    /// <summary>Whether a sentence whose last word is <paramref name="form"/> already ends in an end mark.</summary>
    public static bool IsEndMark(string form) => form is "." or "!" or "?";

    /// <summary>The sentence itself when it already ends in an end mark, otherwise a copy with <see cref="Token"/> appended.</summary>
    public static ConlluToken[] Apply(ConlluToken[] sentence)
    {
        if (sentence.Length == 0) throw new ArgumentException("a sentence needs at least one word", nameof(sentence));
        return IsEndMark(sentence[^1].Form) ? sentence : [.. sentence, Token];
    }
}
