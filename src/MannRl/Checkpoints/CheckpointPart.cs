using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Checkpoints;

/// <summary>
/// One net of a checkpoint: its tensors go to <c>{checkpoint}.{Name}.safetensors</c> and its optimizer's state to the
/// checkpoint's optimizer file under <c>{Name}.{buffer}</c>. MANN-RL saves the parts <c>action</c> and <c>memory</c>;
/// the LSTM baseline saves its net as the one part <c>action</c> (it takes the action net's place).
/// </summary>
/// <param name="Name">File and state prefix, e.g. <c>action</c>.</param>
/// <param name="Tensors">The net's named tensors.</param>
/// <param name="Optimizer">Its optimizer, or null when only the net is saved or restored.</param>
public sealed record CheckpointPart(string Name, NamedTensors Tensors, Optimizer? Optimizer = null);
