using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MannRl.Engine.Kernels;

/// <summary>
/// The element-wise part of one LSTM step for one row, PyTorch's gate order [i f g o] (H values each):
/// i = σ, f = σ, g = tanh, o = σ of the pre-activations; c = f ⊙ c₋ + i ⊙ g; h = o ⊙ tanh(c).
/// </summary>
internal static class LstmCell
{
    /// <summary>
    /// Turns a row's pre-activations <paramref name="gates"/> (4H) into the gate values in place and writes the cell
    /// <paramref name="c"/>, tanh(c) <paramref name="cellTanh"/> and hidden <paramref name="h"/> (H each).
    /// </summary>
    public static void Forward(Span<float> gates, ReadOnlySpan<float> previousCell, Span<float> c, Span<float> cellTanh, Span<float> h)
    {
        int n = c.Length;
        TensorPrimitives.Sigmoid(gates[..(2 * n)], gates[..(2 * n)]);
        TensorPrimitives.Tanh(gates.Slice(2 * n, n), gates.Slice(2 * n, n));
        TensorPrimitives.Sigmoid(gates.Slice(3 * n, n), gates.Slice(3 * n, n));
        var i = gates[..n];
        var f = gates.Slice(n, n);
        var g = gates.Slice(2 * n, n);
        var o = gates.Slice(3 * n, n);
        TensorPrimitives.Multiply(f, previousCell, c);
        TensorPrimitives.FusedMultiplyAdd(i, g, c, c);
        TensorPrimitives.Tanh(c, cellTanh);
        TensorPrimitives.Multiply(o, cellTanh, h);
    }

    /// <summary>
    /// Backward of one row's step. dh = <paramref name="outputGradient"/> + <paramref name="recurrentGradient"/> (from
    /// the layer above or the loss, and from the next step); <paramref name="cellGradient"/> holds dL/dc from the next
    /// step and receives dL/dc₋ = dc ⊙ f. Writes the pre-activation gradients to <paramref name="gateGradients"/> (4H):
    /// dc = dc₊ + dh ⊙ o ⊙ (1 − tanh²c); di = dc ⊙ g ⊙ i(1−i); df = dc ⊙ c₋ ⊙ f(1−f); dg = dc ⊙ i ⊙ (1−g²);
    /// do = dh ⊙ tanh c ⊙ o(1−o).
    /// </summary>
    public static void Backward(ReadOnlySpan<float> gates, ReadOnlySpan<float> previousCell, ReadOnlySpan<float> cellTanh,
        ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> recurrentGradient, Span<float> cellGradient, Span<float> gateGradients)
    {
        int n = cellTanh.Length, j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float gr = ref MemoryMarshal.GetReference(gates), cp = ref MemoryMarshal.GetReference(previousCell),
                tr = ref MemoryMarshal.GetReference(cellTanh), dyr = ref MemoryMarshal.GetReference(outputGradient),
                dhr = ref MemoryMarshal.GetReference(recurrentGradient), dcr = ref MemoryMarshal.GetReference(cellGradient),
                dgr = ref MemoryMarshal.GetReference(gateGradients);
            var one = Vector256<float>.One;
            nuint h = (nuint)n;
            for (; j <= n - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                nuint k = (nuint)j;
                var i = Vector256.LoadUnsafe(ref gr, k);
                var f = Vector256.LoadUnsafe(ref gr, k + h);
                var g = Vector256.LoadUnsafe(ref gr, k + 2 * h);
                var o = Vector256.LoadUnsafe(ref gr, k + 3 * h);
                var t = Vector256.LoadUnsafe(ref tr, k);
                var dh = Vector256.LoadUnsafe(ref dyr, k) + Vector256.LoadUnsafe(ref dhr, k);
                var dc = Vector256.LoadUnsafe(ref dcr, k) + dh * o * (one - t * t);
                (dc * g * i * (one - i)).StoreUnsafe(ref dgr, k);
                (dc * Vector256.LoadUnsafe(ref cp, k) * f * (one - f)).StoreUnsafe(ref dgr, k + h);
                (dc * i * (one - g * g)).StoreUnsafe(ref dgr, k + 2 * h);
                (dh * t * o * (one - o)).StoreUnsafe(ref dgr, k + 3 * h);
                (dc * f).StoreUnsafe(ref dcr, k);
            }
        }
        for (; j < n; j++)
        {
            float i = gates[j], f = gates[n + j], g = gates[2 * n + j], o = gates[3 * n + j], t = cellTanh[j];
            float dh = outputGradient[j] + recurrentGradient[j];
            float dc = cellGradient[j] + dh * o * (1f - t * t);
            gateGradients[j] = dc * g * i * (1f - i);
            gateGradients[n + j] = dc * previousCell[j] * f * (1f - f);
            gateGradients[2 * n + j] = dc * i * (1f - g * g);
            gateGradients[3 * n + j] = dh * t * o * (1f - o);
            cellGradient[j] = dc * f;
        }
    }
}
