using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Tests.Models;

/// <summary><c>mem_leak</c>: the memory-net writes (1 − α)·m + α·w.</summary>
public class MemLeakTests
{
    private static DenseMemoryNet Net(float leak)
    {
        var net = new DenseMemoryNet(new MemoryNetOptions { InputDim = 3, MemoryDim = 4 }, new Rng(7));
        if (leak != 1) net.Leak = leak;
        return net;
    }

    private static (Matrix Input, Matrix Memory, Matrix Grad) Batch()
    {
        var rng = new Rng(11);
        var input = new Matrix(5, 3);
        var memory = new Matrix(5, 4);
        var grad = new Matrix(5, 4);
        foreach (var m in new[] { input, memory, grad })
            for (int r = 0; r < 5; r++) for (int j = 0; j < m.Cols; j++) m[r, j] = (float)rng.NextDouble();
        return (input, memory, grad);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheNextMemoryKeepsOneMinusAlphaOfTheOldAndTheGradientIsAlphaTimes(bool training)
    {
        const float alpha = 0.25f;
        var (input, memory, grad) = Batch();
        var plain = Net(1);
        var leaky = Net(alpha);
        var pc = plain.CreateContext(5, Compute.SingleThread);
        var lc = leaky.CreateContext(5, Compute.SingleThread);
        var w = plain.Forward(input, new Matrix(5, 1), memory, pc, training);
        var next = leaky.Forward(input, new Matrix(5, 1), memory, lc, training);
        for (int r = 0; r < 5; r++)
            for (int j = 0; j < 4; j++)
                Assert.Equal((1 - alpha) * memory[r, j] + alpha * w[r, j], next[r, j], 6);
        if (!training) return;
        var before = grad.AsSpan().ToArray();
        plain.Backward(grad, pc);
        leaky.Backward(grad, lc);
        Assert.Equal(before, grad.AsSpan().ToArray()); // the caller's gradient is left as it was
        foreach (var ((name, p), (_, q)) in plain.Tensors.NamedParameters.Zip(leaky.Tensors.NamedParameters))
            for (int i = 0; i < p.Gradient.Length; i++)
                Assert.True(Math.Abs(alpha * p.Gradient[i] - q.Gradient[i]) <= 1e-6f + 1e-4f * Math.Abs(q.Gradient[i]), $"{name}[{i}]");
    }

    [Fact]
    public void LeakOutsideZeroToOneIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Net(1).Leak = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => Net(1).Leak = 1.5f);
    }
}
