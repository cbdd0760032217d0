using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>What is subtracted from the memory-net's rewards before its TD target is formed (config key <c>mem_reward_baseline</c>).</summary>
public enum RewardBaseline
{
    /// <summary>Nothing: the reward is the shaped action loss, as in the original (<c>none</c>).</summary>
    [EnumMember(Value = "none")] None,

    /// <summary>The mean shaped loss of the update's rows (<c>mean</c>).</summary>
    [EnumMember(Value = "mean")] Mean,
}
