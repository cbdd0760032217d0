using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>The action net's loss (config key <c>loss_function</c>); the original knew only one.</summary>
public enum LossFunctionKind
{
    /// <summary>Cross entropy against the target class (<c>cross_entropy</c>).</summary>
    [EnumMember(Value = "cross_entropy")] CrossEntropy,
}
