using MannRl.Engine.Kernels;

namespace MannRl.Tests.Engine.Kernels;

/// <summary><see cref="LstmCell"/> for every hidden width: the backward's vectors against its scalar loop, the forward against the definition.</summary>
public class LstmCellTests
{
    [Fact]
    public void BackwardEqualsTheScalarLoopForEveryWidth()
    {
        foreach (int h in KernelCheck.Lengths)
        {
            float[] gates = KernelCheck.Random(4 * h, seed: h, 0f, 1f);
            float[] previousCell = KernelCheck.Random(h, seed: h + 1);
            float[] cellTanh = KernelCheck.Random(h, seed: h + 2, -1f, 1f);
            float[] dy = KernelCheck.Random(h, seed: h + 3), dhNext = KernelCheck.Random(h, seed: h + 4);
            float[] dc = KernelCheck.Random(h, seed: h + 5);
            float[] wantDc = (float[])dc.Clone(), wantGates = new float[4 * h];
            for (int j = 0; j < h; j++)
            {
                float i = gates[j], f = gates[h + j], g = gates[2 * h + j], o = gates[3 * h + j], t = cellTanh[j];
                float dh = dy[j] + dhNext[j];
                float c = wantDc[j] + dh * o * (1f - t * t);
                wantGates[j] = c * g * i * (1f - i);
                wantGates[h + j] = c * previousCell[j] * f * (1f - f);
                wantGates[2 * h + j] = c * i * (1f - g * g);
                wantGates[3 * h + j] = dh * t * o * (1f - o);
                wantDc[j] = c * f;
            }
            var gateGradients = new float[4 * h];
            LstmCell.Backward(gates, previousCell, cellTanh, dy, dhNext, dc, gateGradients);
            KernelCheck.AssertBitEqual(wantGates, gateGradients, $"LSTM backward, H = {h}, gate gradients");
            KernelCheck.AssertBitEqual(wantDc, dc, $"LSTM backward, H = {h}, cell gradient");
        }
    }

    [Fact]
    public void ForwardComputesTheGatesCellAndHiddenState()
    {
        foreach (int h in KernelCheck.Lengths.Where(h => h > 0)) // an LSTM has at least one hidden unit
        {
            float[] pre = KernelCheck.Random(4 * h, seed: h, -4f, 4f), previousCell = KernelCheck.Random(h, seed: h + 1);
            float[] gates = (float[])pre.Clone(), c = new float[h], cellTanh = new float[h], hidden = new float[h];
            LstmCell.Forward(gates, previousCell, c, cellTanh, hidden);
            for (int j = 0; j < h; j++)
            {
                double i = Sigmoid(pre[j]), f = Sigmoid(pre[h + j]), g = Math.Tanh(pre[2 * h + j]), o = Sigmoid(pre[3 * h + j]);
                double cell = f * previousCell[j] + i * g;
                Close(i, gates[j], h, "i");
                Close(f, gates[h + j], h, "f");
                Close(g, gates[2 * h + j], h, "g");
                Close(o, gates[3 * h + j], h, "o");
                Close(cell, c[j], h, "c");
                Close(Math.Tanh(c[j]), cellTanh[j], h, "tanh(c)");
                Close(o * Math.Tanh(cell), hidden[j], h, "h");
            }
        }
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    // A few float roundings of values of order 1 (System.Numerics.Tensors' own tolerance for its transcendental functions).
    private static void Close(double expected, float actual, int h, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"LSTM forward, H = {h}: {what} = {actual:R}, expected {expected:R}");
}
