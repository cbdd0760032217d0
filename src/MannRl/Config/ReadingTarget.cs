using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>What the action net must output while it reads the source sentence (config key <c>reading_target</c>).</summary>
public enum ReadingTarget
{
    /// <summary>The original code's choice: "0123456789" repeated to the source length (<c>digits</c>).</summary>
    [EnumMember(Value = "digits")] Digits,

    /// <summary>The paper's choice: the empty symbol at every reading step (<c>empty</c>).</summary>
    [EnumMember(Value = "empty")] Empty,
}
