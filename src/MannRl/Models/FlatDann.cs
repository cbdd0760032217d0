using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// <c>flatdann</c>: cat(input, memory) (F = I+M) → Linear(F,F) → BN → ReLU (SiLU with <c>use_swish</c>) →
/// Linear(F,T) → Softmax.
/// </summary>
public sealed class FlatDann : ActionNet
{
    private readonly Sequential _body;

    /// <summary>Builds the net with weights drawn from <paramref name="rng"/>.</summary>
    public FlatDann(int inputDim, int memoryDim, int targetDim, bool useSwish, Rng rng)
        : base(inputDim, memoryDim, targetDim, new NamedTensors(rng))
    {
        int f = inputDim + memoryDim;
        var hidden = Tensors.Block("linear", "norm", f, f, useSwish ? ActivationKind.SiLU : ActivationKind.ReLU);
        _body = new Sequential([.. hidden.Layers, Tensors.Linear("decision", f, targetDim)]);
    }

    /// <inheritdoc/>
    protected override ModuleContext CreateBodyContext(int maxRows, bool inputGradient, Compute compute) =>
        new Context(maxRows, InputDim + MemoryDim, _body.CreateContext(maxRows, compute)) { InputGradient = inputGradient, InputGradientColumns = InputDim };

    /// <inheritdoc/>
    protected override Matrix ForwardLogits(Matrix input, Matrix memory, ModuleContext ctx, bool training)
    {
        var c = (Context)ctx;
        var x = Matrix.Concat(c.Cat, input, memory); // (rows, I+M)
        return _body.Forward(x, c.Body, training);
    }

    /// <inheritdoc/>
    protected override Matrix? BackwardLogits(Matrix dLogits, ModuleContext ctx)
    {
        var c = (Context)ctx;
        var dx = _body.Backward(dLogits, c.Body);
        return c.InputGradient ? dx.Columns(0, InputDim, ref c.InputGradView) : null;
    }

    private sealed class Context : ModuleContext
    {
        public Context(int maxRows, int width, ModuleContext body) : base(maxRows)
        {
            Cat = new Matrix(maxRows, width);
            Body = body;
        }

        public readonly Matrix Cat;
        public readonly ModuleContext Body;
        public Matrix? InputGradView;

        // Only the input's columns of the body's input gradient are read (the memory is data).
        public override int InputGradientColumns
        {
            get => Body.InputGradientColumns;
            set => Body.InputGradientColumns = value;
        }

        // The input is data unless a learned embedding sits in front.
        public bool InputGradient
        {
            get => Body.NeedsInputGradient;
            init => Body.NeedsInputGradient = value;
        }
    }
}
