using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>The action network (config key <c>action_model</c>, spec section 2).</summary>
public enum ActionModelKind
{
    /// <summary>cat(input, memory) through three dense layers (<c>flatdann</c>).</summary>
    [EnumMember(Value = "flatdann")] FlatDann,

    /// <summary>An input embedding, then cat(embedding, memory) through dense layers (<c>embdann</c>).</summary>
    [EnumMember(Value = "embdann")] EmbDann,

    /// <summary>A tree of small nets over memory chunks (<c>parallelActionNet</c>).</summary>
    [EnumMember(Value = "parallelActionNet")] ParallelActionNet,
}
