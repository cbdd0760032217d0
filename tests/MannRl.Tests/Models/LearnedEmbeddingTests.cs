using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Tests.Models;

/// <summary>
/// <c>pos_embeddings: learned:DIM</c>: a trainable lookup in front of both nets. Checked by finite differences:
/// the gradient reaching an embedding weight must match the change of a scalar objective.
/// </summary>
public class LearnedEmbeddingTests
{
    private const int Vocabulary = 40, Dim = 6, Rows = 5, M = 7, T = 4;
    private static readonly int[] Ids = [3, 17, 3, 39, 0];

    private static Matrix OneHot()
    {
        var x = new Matrix(Rows, Vocabulary);
        for (int r = 0; r < Rows; r++) x[r, Ids[r]] = 1f;
        return x;
    }

    private static Matrix Random(int rows, int cols, ulong seed)
    {
        var rng = new Rng(seed);
        var m = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++) foreach (ref float v in m.Row(r)) v = rng.Uniform(-1, 1);
        return m;
    }

    private static double Dot(Matrix a, Matrix b)
    {
        double s = 0;
        for (int r = 0; r < a.Rows; r++) for (int j = 0; j < a.Cols; j++) s += (double)a[r, j] * b[r, j];
        return s;
    }

    private static void CheckEmbeddingGradient(NamedTensors tensors, Func<double> objective)
    {
        var w = tensors.NamedParameters.Single(p => p.Name == "input_embedding.weight").Parameter;
        var grad = w.Gradient.ToArray();
        for (int o = 0; o < Dim; o++)
        {
            foreach (int id in new[] { 3, 17, 5 }) // 5 is never looked up: its gradient is 0
            {
                int k = o * Vocabulary + id;
                float keep = w.Values[k];
                const float h = 1e-2f;
                w.Values[k] = keep + h; w.MarkChanged();
                double up = objective();
                w.Values[k] = keep - h; w.MarkChanged();
                double down = objective();
                w.Values[k] = keep; w.MarkChanged();
                Assert.Equal((up - down) / (2 * h), grad[k], 2);
            }
        }
        Assert.All(Enumerable.Range(0, Dim), o => Assert.Equal(0f, grad[o * Vocabulary + 5]));
    }

    [Theory]
    [InlineData("flatdann")]
    [InlineData("embdann")]
    public void ActionNetTrainsItsEmbedding(string model)
    {
        ActionNet net = model == "flatdann" ? new FlatDann(Dim, M, T, true, new Rng(1)) : new EmbDann(Dim, M, T, 5, new Rng(1));
        net.UseLearnedInputEmbedding(Vocabulary);
        Assert.Equal(Vocabulary, net.ExternalInputDim);
        var x = OneHot();
        var m = Random(Rows, M, 2);
        var r = Random(Rows, T, 3);
        var ctx = net.CreateContext(Rows, Compute.SingleThread);
        // Eval mode keeps BatchNorm's statistics fixed, so the objective is a plain function of the weights.
        double Objective() => Dot(net.Forward(x, m, net.CreateContext(Rows, Compute.SingleThread), training: false), r);
        net.Forward(x, m, ctx, training: false);
        net.Backward(r, ctx, gradientIsForLogits: false);
        CheckEmbeddingGradient(net.Tensors, Objective);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 0)]
    [InlineData(5, 2)]
    public void MemoryNetTrainsItsEmbedding(int embeddingDim, int layers)
    {
        // Tanh everywhere: a ReLU kink inside the finite-difference step would blur the comparison.
        var net = new DenseMemoryNet(new MemoryNetOptions { InputDim = Dim, MemoryDim = M, EmbeddingDim = embeddingDim, IntermediateLayers = layers, IntermediateDim = 3, ActivationIsTanh = true, EmbeddingActivationIsTanh = true }, new Rng(4));
        net.UseLearnedInputEmbedding(Vocabulary);
        var x = OneHot();
        var m = Random(Rows, M, 5);
        var r = Random(Rows, M, 6);
        var none = new Matrix(Rows, 1);
        double Objective() => Dot(net.Forward(x, none, m, net.CreateContext(Rows, Compute.SingleThread), training: false), r);
        var ctx = net.CreateContext(Rows, Compute.SingleThread);
        net.Forward(x, none, m, ctx, training: false);
        net.Backward(r, ctx);
        CheckEmbeddingGradient(net.Tensors, Objective);
    }

    [Fact]
    public void ParallelNetsRefuseASharedEmbedding()
    {
        Assert.Throws<NotSupportedException>(() => new ParallelMemoryNet(new MemoryNetOptions { InputDim = 3, MemoryDim = 4, EmbeddingDim = 2 }, numNets: 2, funnelToZeroChunk: false, new Rng(1)).UseLearnedInputEmbedding(10));
        Assert.Throws<NotSupportedException>(() => new ParallelActionNet(new ParallelActionNetOptions { InputDim = 3, EmbeddingDim = 2, MemoryDim = 8, ChunkDim = 4, TargetDim = 2 }, new Rng(1)).UseLearnedInputEmbedding(10));
    }
}
