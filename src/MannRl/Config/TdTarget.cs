using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>How the memory-net's Q-learning target is treated (config key <c>mem_target</c>).</summary>
public enum TdTarget
{
    /// <summary>The gradient flows through both the prediction and the target branch, as in the original (<c>full</c>).</summary>
    [EnumMember(Value = "full")] Full,

    /// <summary>The target is a constant, as in DQN (<c>detached</c>).</summary>
    [EnumMember(Value = "detached")] Detached,
}
