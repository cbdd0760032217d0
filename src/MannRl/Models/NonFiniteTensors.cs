using System.Numerics.Tensors;

namespace MannRl.Models;

/// <summary>Finds NaN or infinite values among a network's saved tensors (parameters and BatchNorm running statistics).</summary>
public static class NonFiniteTensors
{
    /// <summary>
    /// The name of the first tensor of <paramref name="tensors"/> holding a NaN or an infinity, and which of the two,
    /// or null when every value is finite. One vectorised pass over the values.
    /// </summary>
    public static (string Name, string Value)? First(NamedTensors tensors)
    {
        foreach (var (name, _, data, length) in tensors.All())
        {
            // MaxMagnitude returns NaN when any value is NaN, and infinity when any is infinite.
            float largest = length == 0 ? 0 : TensorPrimitives.MaxMagnitude(data.AsSpan(0, length));
            if (!float.IsFinite(largest)) return (name, float.IsNaN(largest) ? "NaN" : "Inf");
        }
        return null;
    }
}
