using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>Which learner a run trains (config key <c>model</c>): MANN-RL, or a baseline or ablation to compare it with.</summary>
public enum LearnerKind
{
    /// <summary>The action net and the memory-net trained by Q-learning, the original (<c>mann-rl</c>).</summary>
    [EnumMember(Value = "mann-rl")] MannRl,

    /// <summary>An LSTM and a Linear decision layer trained by backpropagation through time (<c>lstm</c>).</summary>
    [EnumMember(Value = "lstm")] Lstm,

    /// <summary>The action net alone: its memory input stays zero, no memory-net runs or trains (<c>no-memory</c>).</summary>
    [EnumMember(Value = "no-memory")] NoMemory,

    /// <summary>The memory-net writes memories at its random initialisation and never trains (<c>frozen-memory</c>).</summary>
    [EnumMember(Value = "frozen-memory")] FrozenMemory,
}
