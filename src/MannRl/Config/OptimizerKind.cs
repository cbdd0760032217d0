using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>The optimizer of a network (config keys <c>action_optimizer</c>, <c>mem_optimizer</c>).</summary>
public enum OptimizerKind
{
    /// <summary>Adam with PyTorch's defaults (<c>adam</c>).</summary>
    [EnumMember(Value = "adam")] Adam,

    /// <summary>Plain stochastic gradient descent (<c>sgd</c>).</summary>
    [EnumMember(Value = "sgd")] Sgd,

    /// <summary>RMSprop with PyTorch's defaults (<c>rmsprop</c>).</summary>
    [EnumMember(Value = "rmsprop")] RmsProp,
}
