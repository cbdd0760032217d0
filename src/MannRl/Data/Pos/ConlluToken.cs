using MannRl.Config;

namespace MannRl.Data.Pos;

/// <summary>One syntactic word of a CoNLL-U sentence: its form and both part-of-speech columns, as written.</summary>
/// <param name="Form">The FORM column (case kept).</param>
/// <param name="Upos">The UPOS column (universal tag).</param>
/// <param name="Xpos">The XPOS column (language-specific tag); <c>_</c> when the treebank gives none.</param>
public readonly record struct ConlluToken(string Form, string Upos, string Xpos)
{
    /// <summary>
    /// The target tag in <paramref name="tagset"/>. A missing XPOS (<c>_</c>) falls back to the UPOS tag, so that a
    /// treebank without fine tags still yields real classes instead of one catch-all <c>_</c> class
    /// (UD English EWT has an XPOS on every word, so this never fires there).
    /// </summary>
    public string Tag(PosTagset tagset) => tagset == PosTagset.Upos || Xpos == "_" ? Upos : Xpos;
}
