using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>The memory-net (config key <c>mem_model</c>, spec section 2); NA: it does not read the action.</summary>
public enum MemoryModelKind
{
    /// <summary>cat(input, memory, action) -> memory (<c>flatmnn</c>).</summary>
    [EnumMember(Value = "flatmnn")] FlatMnn,

    /// <summary>cat(input, memory) -> memory (<c>flatmnnNA</c>).</summary>
    [EnumMember(Value = "flatmnnNA")] FlatMnnNA,

    /// <summary>An input embedding, then cat(embedding, memory, action) -> memory (<c>embmnn</c>).</summary>
    [EnumMember(Value = "embmnn")] EmbMnn,

    /// <summary>An input embedding, then cat(embedding, memory) -> memory (<c>embmnnNA</c>).</summary>
    [EnumMember(Value = "embmnnNA")] EmbMnnNA,

    /// <summary>As <see cref="EmbMnnNA"/> with dense-skip intermediate layers (<c>embWLmnnNA</c>).</summary>
    [EnumMember(Value = "embWLmnnNA")] EmbWLMnnNA,

    /// <summary>Several memory-nets over memory chunks (<c>parallelMemNetNA</c>).</summary>
    [EnumMember(Value = "parallelMemNetNA")] ParallelMemNetNA,
}
