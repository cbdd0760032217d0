using MannRl.Models;

namespace MannRl.Training;

/// <summary>
/// The check of a net's tensors for NaN and infinities during training. A memory-net's weights or BatchNorm statistics
/// can overflow while every loss and next memory stays finite (a sigmoid of an infinity is 1), so the losses alone do
/// not catch it; the check runs at each epoch's end, before anything is evaluated or saved, where one pass over the
/// tensors costs nothing next to the epoch. It reads only, so a run it passes keeps its results bit for bit.
/// </summary>
public static class DivergenceCheck
{
    /// <summary>
    /// Throws a <see cref="TrainingDivergedException"/> naming <paramref name="net"/>, the tensor, the 1-based epoch of
    /// 0-based <paramref name="epoch"/>, the step and the keys to change when a tensor holds NaN or an infinity.
    /// </summary>
    /// <param name="net">The net as the message names it: "action net" or "memory-net".</param>
    /// <param name="tensors">Its tensors.</param>
    /// <param name="epoch">The 0-based epoch.</param>
    /// <param name="step">The step in the epoch (0-based) reached.</param>
    /// <param name="fix">The keys to change, e.g. "lower mem_learning_rate or set mem_clipping".</param>
    public static void Tensors(string net, NamedTensors tensors, int epoch, int step, string fix)
    {
        if (NonFiniteTensors.First(tensors) is not var (name, value)) return;
        throw new TrainingDivergedException(
            $"training diverged: {net} tensor '{name}' holds {value} at the end of epoch {epoch + 1} (step {step}); "
            + $"nothing of this epoch was saved. {fix}.");
    }

    /// <summary>The fix for the memory-net.</summary>
    public const string MemoryFix = "Lower mem_learning_rate or set mem_clipping (e.g. 0.001)";

    /// <summary>The fix for the action net.</summary>
    public const string ActionFix = "Lower action_learning_rate or set action_clipping (e.g. 0.01)";
}
