using MannRl.Models;

namespace MannRl.Training;

/// <summary>A network produced NaN or Inf; the message names the epoch, the step and the tensor.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message)
{
    /// <summary>
    /// The exception for <paramref name="what"/> (e.g. "action loss") of <paramref name="net"/> gone non-finite at a step
    /// (0-based epoch), naming the first non-finite tensor of <paramref name="tensors"/>, if any, and the fix.
    /// </summary>
    public static TrainingDivergedException For(string net, string what, int epoch, int step, NamedTensors tensors)
    {
        string culprit = "no parameter is non-finite yet (the inputs or the loss overflowed)";
        foreach (var (name, p) in tensors.NamedParameters)
        {
            foreach (float v in p.Values)
                if (!float.IsFinite(v)) { culprit = $"first non-finite tensor: {net} '{name}'"; goto found; }
        }
    found:
        return new TrainingDivergedException(
            $"training diverged: the {what} is NaN or Inf at epoch {epoch + 1}, step {step}; {culprit}. " +
            "Lower the learning rate or set clipping (action_clipping / mem_clipping).");
    }
}
