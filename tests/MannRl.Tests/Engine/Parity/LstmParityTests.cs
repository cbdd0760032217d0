using System.Text.Json;
using MannRl.Engine;

namespace MannRl.Tests.Engine.Parity;

/// <summary>
/// LSTM against <c>fixtures/lstm.json</c>: PyTorch's nn.LSTM on packed sequences (two layers, initial states, padding,
/// truncated backpropagation through time), forward outputs and final states, and the gradients of the inputs, the
/// initial states and every gate's weights and biases.
/// </summary>
public class LstmParityTests
{
    private static readonly JsonElement Root = Fixture.Load("lstm");

    [Theory]
    [InlineData("two_layers_state")]
    [InlineData("padded")]
    [InlineData("one_layer_padded_state")]
    [InlineData("truncated")]
    public void ForwardAndBackwardMatchPyTorch(string name)
    {
        var c = Root.Case("cases", name);
        var (lstm, batch) = Build(c);
        int layers = lstm.Layers, b = batch.Sequences, h = lstm.HiddenSize;
        bool withState = c.TryGetProperty("h0", out _);
        var h0 = withState ? State(c.Tensor("h0"), layers * b, h) : null;
        var c0 = withState ? State(c.Tensor("c0"), layers * b, h) : null;
        var ctx = lstm.CreateContext(b + 1, batch.Steps + 2, Compute.SingleThread); // spare room, as a context sized for a whole data set

        var y = lstm.Forward(c.Tensor("x").ToMatrix(), batch, ctx, h0, c0);
        Close.Assert(c.Tensor("y"), y, "y");
        Close.Assert(c.Tensor("h_n").Data, ctx.FinalHidden.ToArray(), "h_n");
        Close.Assert(c.Tensor("c_n").Data, ctx.FinalCell.ToArray(), "c_n");

        foreach (var p in lstm.Parameters) p.ZeroGrad();
        var dx = lstm.Backward(c.Tensor("dy").ToMatrix(), ctx, State(c.Tensor("dh_n"), layers * b, h), State(c.Tensor("dc_n"), layers * b, h),
            c.GetProperty("truncate").GetInt32());
        Close.Assert(c.Tensor("dx"), dx, "dx");
        foreach (var (pname, expected) in c.NamedTensors("grads"))
            Close.Assert(expected.Data, lstm.Parameters.Single(p => p.Name == pname).Gradient, $"d{pname}");
        if (withState)
        {
            Close.Assert(c.Tensor("dh0").Data, ctx.InitialHiddenGradient.ToArray(), "dh0");
            Close.Assert(c.Tensor("dc0").Data, ctx.InitialCellGradient.ToArray(), "dc0");
        }
    }

    [Fact]
    public void ParametersAreNamedAndOrderedAsPyTorch()
    {
        var c = Root.Case("cases", "two_layers_state");
        var (lstm, _) = Build(c);
        Assert.Equal(c.NamedTensors("params").Select(p => p.Name), lstm.Parameters.Select(p => p.Name));
        Assert.Equal(c.NamedTensors("params").Select(p => p.Tensor.Shape), lstm.Parameters.Select(p => p.Shape));
    }

    [Fact]
    public void BatchSizesMatchPyTorchsPacking()
    {
        foreach (var c in Root.GetProperty("cases").EnumerateArray())
        {
            var batch = new PackedBatch(8, 16);
            batch.SetLengths(c.Ints("lengths"));
            Assert.Equal(c.Ints("batch_sizes"), Enumerable.Range(0, batch.Steps).Select(batch.BatchSize));
            Assert.Equal(c.Tensor("x").Rows, batch.Rows);
        }
    }

    [Fact]
    public void BackwardAddsIntoParameterGradientsAndASecondBatchReusesTheContext()
    {
        // Backward adds (+=); and a context that ran a longer batch gives the same result for a shorter one.
        var c = Root.Case("cases", "padded");
        var (lstm, batch) = Build(c);
        var ctx = lstm.CreateContext(batch.Sequences, batch.Steps, Compute.SingleThread);
        var other = new PackedBatch(batch.Sequences, batch.Steps);
        other.SetLengths([batch.Steps, batch.Steps, batch.Steps]);
        var noise = new Matrix(other.Rows, lstm.InputSize);
        noise.AsSpan().Fill(0.3f);
        lstm.Forward(noise, other, ctx);
        lstm.Backward(new Matrix(other.Rows, lstm.HiddenSize), ctx);

        foreach (var p in lstm.Parameters) p.Gradient.Fill(1f);
        lstm.Forward(c.Tensor("x").ToMatrix(), batch, ctx);
        int rows = lstm.Layers * batch.Sequences;
        lstm.Backward(c.Tensor("dy").ToMatrix(), ctx, State(c.Tensor("dh_n"), rows, lstm.HiddenSize), State(c.Tensor("dc_n"), rows, lstm.HiddenSize));
        foreach (var (pname, expected) in c.NamedTensors("grads"))
            Close.Assert(expected.Data.Select(v => v + 1f).ToArray(), lstm.Parameters.Single(p => p.Name == pname).Gradient, $"d{pname} + 1");
    }

    [Fact]
    public void InitialisationIsPyTorchsUniformBound()
    {
        var lstm = new Lstm(11, 48, 2, new Rng(3));
        float bound = 1f / MathF.Sqrt(48);
        foreach (var p in lstm.Parameters)
        {
            Assert.All(p.Values.ToArray(), v => Assert.InRange(v, -bound, bound));
            // Uniform on ±bound: the largest magnitude comes close to the bound (not a narrower or zero init).
            Assert.True(p.Values.ToArray().Max(MathF.Abs) > 0.9f * bound, $"{p.Name} does not span ±1/sqrt(H)");
        }
    }

    /// <summary>The fixture's LSTM with its parameters loaded, and its packed batch.</summary>
    private static (Lstm Lstm, PackedBatch Batch) Build(JsonElement c)
    {
        var lstm = new Lstm(c.GetProperty("input_size").GetInt32(), c.GetProperty("hidden_size").GetInt32(),
            c.GetProperty("num_layers").GetInt32(), new Rng(1));
        foreach (var (pname, tensor) in c.NamedTensors("params"))
            lstm.Parameters.Single(p => p.Name == pname).Load(tensor.Data);
        var lengths = c.Ints("lengths");
        var batch = new PackedBatch(lengths.Length, lengths[0]);
        batch.SetLengths(lengths);
        return (lstm, batch);
    }

    /// <summary>A (layers, batch, hidden) state tensor as the engine's (layers·batch, hidden) matrix.</summary>
    private static Matrix State(FixtureTensor t, int rows, int hidden)
    {
        Assert.Equal(rows * hidden, t.Data.Length);
        return Matrix.FromArray(rows, hidden, t.Data);
    }
}
