using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>The data set a run trains on (config key <c>dataset</c>).</summary>
public enum DatasetKind
{
    /// <summary>The generated boolean-logic sequences (<c>logic</c>).</summary>
    [EnumMember(Value = "logic")] Logic,

    /// <summary>Part-of-speech tagging of UD English EWT (<c>udpos</c>).</summary>
    [EnumMember(Value = "udpos")] Udpos,

    /// <summary>Sentence memorisation, s -> s (<c>wmt2014-en</c>).</summary>
    [EnumMember(Value = "wmt2014-en")] Wmt2014En,

    /// <summary>Sentence translation, en -> fr and fr -> en (<c>wmt2014-en-fr</c>).</summary>
    [EnumMember(Value = "wmt2014-en-fr")] Wmt2014EnFr,

    /// <summary>The copy memory task (<c>copy</c>).</summary>
    [EnumMember(Value = "copy")] Copy,

    /// <summary>The repeat-copy memory task (<c>repeat-copy</c>).</summary>
    [EnumMember(Value = "repeat-copy")] RepeatCopy,

    /// <summary>The associative-recall memory task (<c>associative-recall</c>).</summary>
    [EnumMember(Value = "associative-recall")] AssociativeRecall,

    /// <summary>A sequence task of one's own, read from <c>data_file</c> (<c>symbols</c>).</summary>
    [EnumMember(Value = "symbols")] Symbols,
}
