using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>Which CoNLL-U column the udpos task predicts (config key <c>pos_tagset</c>).</summary>
public enum PosTagset
{
    /// <summary>The language-specific fine tags (Penn Treebank style for EWT, 49 tags): the original's targets (<c>xpos</c>).</summary>
    [EnumMember(Value = "xpos")] Xpos,

    /// <summary>The 17 universal coarse tags (<c>upos</c>).</summary>
    [EnumMember(Value = "upos")] Upos,
}
