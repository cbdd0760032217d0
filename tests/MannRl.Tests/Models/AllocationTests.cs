using MannRl.Engine;
using MannRl.Models;
using MannRl.Training;

namespace MannRl.Tests.Models;

/// <summary>The hot path allocates nothing per step once its buffers exist (issue 5: models at scale).</summary>
public class AllocationTests
{
    public static TheoryData<string> Pairs => ["flat", "emb", "parallel", "wide-input"];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void TrainingStepsAllocateNothing(string pair)
    {
        const int rows = 16, T = 7;
        int inputDim = pair == "wide-input" ? 40 : 9, m = pair == "parallel" ? 32 : 12;
        var rng = new Rng(3);
        (ActionNet a, MemoryNet f) = pair switch
        {
            "flat" => ((ActionNet)new FlatDann(inputDim, m, T, true, rng), (MemoryNet)new DenseMemoryNet(new MemoryNetOptions { InputDim = inputDim, MemoryDim = m }, rng)),
            "emb" or "wide-input" => (new EmbDann(inputDim, m, T, 6, rng), new DenseMemoryNet(new MemoryNetOptions { InputDim = inputDim, MemoryDim = m, EmbeddingDim = 6, IntermediateLayers = 2, IntermediateDim = 5 }, rng)),
            _ => (new ParallelActionNet(new ParallelActionNetOptions { InputDim = inputDim, EmbeddingDim = 6, MemoryDim = m, ChunkDim = 8, TargetDim = T, EmbeddingActivationIsTanh = true }, rng), new ParallelMemoryNet(new MemoryNetOptions { InputDim = inputDim, MemoryDim = m, EmbeddingDim = 6, EmbeddingActivationIsTanh = true }, numNets: 4, funnelToZeroChunk: true, rng)),
        };
        var x = new Matrix(rows, inputDim);
        for (int r = 0; r < rows; r++) x[r, (r * 3) % inputDim] = 1f; // one-hot rows: the lookup path where wide enough
        var memory = new Matrix(rows, m);
        var targets = Enumerable.Range(0, rows).Select(r => r % T).ToArray();
        var losses = new float[rows];
        var grad = new Matrix(rows, T);
        var actx = a.CreateContext(rows, Compute.SingleThread);
        var fctx = f.CreateContext(rows, Compute.SingleThread);
        var adam = new Adam(a.Parameters, 1e-3f);
        var learner = new TdLearner(f, new RmsProp(f.Parameters, 1e-5f), 2 * rows, new TdSettings(0.99, 0.5, 3, 10, 1, false), Compute.SingleThread);
        var tr = new Transitions(2 * rows, inputDim, m, T);
        for (int r = 0; r < 2 * rows; r++) { tr.Input[r, r % inputDim] = 1f; tr.NextInput[r, (r + 1) % inputDim] = 1f; }

        void Step()
        {
            var probs = a.Forward(x, memory, actx, training: true);
            CrossEntropyLoss.Compute(probs, targets, losses, grad);
            adam.ZeroGrad();
            a.Backward(grad, actx, gradientIsForLogits: false);
            GradClip.ClipGradNorm(a.Parameters, 1f);
            adam.Step();
            var next = f.Forward(x, probs, memory, fctx, training: false);
            memory.CopyFrom(next);
            for (int r = 0; r < 2 * rows; r++) tr.NextLoss[r] = 1f;
            learner.Update(tr);
        }

        Step(); // first calls size lazily grown buffers (GEMM packing)
        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
