using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>What the action loss reads (config key <c>action_loss_on</c>).</summary>
public enum LossInput
{
    /// <summary>The softmax outputs, as the original did (<c>probabilities</c>).</summary>
    [EnumMember(Value = "probabilities")] Probabilities,

    /// <summary>The logits, PyTorch's usual cross entropy (<c>logits</c>).</summary>
    [EnumMember(Value = "logits")] Logits,
}
