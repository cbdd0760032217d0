using MannRl.Engine;
using MannRl.Engine.Kernels;
using MannRl.Engine.Parallel;

namespace MannRl.Tests.Engine.Kernels;

/// <summary>Tests that change <see cref="Gemm"/>'s forced kernel or start the worker pool's helpers run one at a time.</summary>
[CollectionDefinition("Gemm threads", DisableParallelization = true)]
public sealed class GemmThreadsCollection;

/// <summary>
/// Thread counts and kernel families change speed, never bits: each case runs under every setting and the results
/// must be identical, and correct. The helpers are never set aside here (a busy machine would otherwise make the
/// multi-threaded runs single-threaded). Settings are restored after each test.
/// </summary>
[Collection("Gemm threads")]
public sealed class GemmThreadTests : IDisposable
{
    public GemmThreadTests() => WorkerPool.SetAsideLateHelpers = false;

    public void Dispose()
    {
        Gemm.ForcedKernel = null;
        WorkerPool.SetAsideLateHelpers = true;
    }

    // Large enough to be split over threads (m·n·k above Gemm.WorkPerThread), with partial row blocks and column tails;
    // 300x40x200 has fewer column panels than tasks, so its rows are split too.
    public static TheoryData<int, int, int, bool> LargeShapes => new()
    {
        { 16, 1120, 1120, false },
        { 16, 475, 475, false },
        { 37, 1025, 129, false },
        { 300, 40, 200, false },
        { 1120, 1120, 16, true },
        { 257, 333, 61, true },
        { 64, 1024, 16, true },
        { 16, 256, 300, false },
    };

    [Theory]
    [MemberData(nameof(LargeShapes))]
    public void ThreadCountsGiveIdenticalBits(int m, int n, int k, bool transA)
    {
        foreach (bool accumulate in new[] { false, true })
        {
            var p = new GemmCase(m, n, k, transA, accumulate, seed: m + n + k);
            float[] single = p.Run(Compute.SingleThread);
            GemmTests.AssertMatchesReference(p);
            foreach (int threads in new[] { 2, 3 })
            {
                var compute = new Compute(threads);
                for (int repeat = 0; repeat < 3; repeat++)
                {
                    float[] multi = p.Run(compute);
                    Assert.True(single.AsSpan().SequenceEqual(multi), $"{threads} threads changed the result of {m}x{n}x{k}");
                    p.AssertGuardsIntact();
                }
            }
        }
    }

    [Theory]
    [InlineData(16, 59, 59, false)]
    [InlineData(16, 1120, 300, false)]
    [InlineData(13, 47, 21, true)]
    [InlineData(100, 100, 16, true)]
    [InlineData(3, 5, 7, false)]
    [InlineData(24, 256, 40, false)]
    public void KernelFamiliesGiveIdenticalBits(int m, int n, int k, bool transA)
    {
        var p = new GemmCase(m, n, k, transA, accumulate: true, seed: 11, extraStride: 3);
        Gemm.ForcedKernel = null;
        float[] best = p.Run();
        foreach (var kind in new[] { GemmKernelKind.Scalar, GemmKernelKind.Vector256, GemmKernelKind.Vector512 })
        {
            Gemm.ForcedKernel = kind;
            float[] forced = p.Run();
            GemmTests.AssertMatchesReference(p);
            p.AssertGuardsIntact();
            Assert.True(best.AsSpan().SequenceEqual(forced), $"the {Gemm.Kernel} kernel changed the result of {m}x{n}x{k}");
        }
    }

    [Fact]
    public void ScalarKernelMatchesReferenceOnSweeps()
    {
        Gemm.ForcedKernel = GemmKernelKind.Scalar;
        for (int n = 1; n <= 40; n += 3)
        {
            var p = new GemmCase(m: 11, n, k: 300, transA: n % 2 == 0, accumulate: n % 3 == 0, seed: n);
            p.Run();
            GemmTests.AssertMatchesReference(p);
            p.AssertGuardsIntact();
        }
    }

    [Fact]
    public void ConcurrentCallersShareTheHelpersSafely()
    {
        var compute = new Compute(2);
        var cases = Enumerable.Range(0, 6).Select(s => new GemmCase(16, 700, 400, s % 2 == 0, s % 3 == 0, seed: s)).ToArray();
        float[][] expected = cases.Select(c => (float[])c.Run(compute).Clone()).ToArray();
        var results = new float[cases.Length][];
        System.Threading.Tasks.Parallel.For(0, cases.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, s =>
        {
            // Each thread uses its own case objects: a GemmCase keeps its last C.
            var mine = new GemmCase(16, 700, 400, s % 2 == 0, s % 3 == 0, seed: s);
            for (int repeat = 0; repeat < 4; repeat++) results[s] = mine.Run(compute);
        });
        for (int s = 0; s < cases.Length; s++)
            Assert.True(expected[s].AsSpan().SequenceEqual(results[s]), $"case {s} differs when run concurrently");
    }

    [Theory]
    [InlineData(475, 475, 16)] // POS's action layer: spread over threads
    [InlineData(475, 175, 13)] // the memory-net's next-memory forward, a partial batch
    [InlineData(1120, 70, 16)] // fewer outputs than the tasks' 16-output ranges need
    public void SmallBatchForwardGivesIdenticalBitsOnEveryThreadCount(int inF, int outF, int rows)
    {
        if (!SmallBatchForward.Available) return; // the path only exists with 512-bit vectors
        var rng = new Rng(11);
        var lin = new Linear(inF, outF, rng);
        var x = new Matrix(rows, inF);
        for (int r = 0; r < rows; r++) foreach (ref float v in x.Row(r)) v = rng.Uniform(-2, 2);
        float[] Forward(int threads)
        {
            lin.Weight.MarkChanged(); // a fresh weight: the in-place path, as after an optimizer step
            return lin.Forward(x, lin.CreateContext(rows, new Compute(threads)), training: true).ToArray();
        }
        var single = Forward(1);
        foreach (int threads in new[] { 2, 3 })
            Assert.Equal(single, Forward(threads));
    }

    [Theory]
    [InlineData(250_374)] // POS's action net weight and bias, in one tensor
    [InlineData(65_539)] // a tail after the vector loop
    public void AdamGivesIdenticalBitsOnEveryThreadCount(int length)
    {
        float[] Train(int threads)
        {
            var rng = new Rng(3);
            var p = new Parameter("w", length);
            foreach (ref float v in p.Values) v = rng.Uniform(-1, 1);
            var adam = new Adam([p], 1e-3f) { Compute = new Compute(threads) };
            for (int step = 0; step < 3; step++)
            {
                foreach (ref float g in p.Gradient) g = rng.Uniform(-1, 1);
                adam.Step(0.5f, clearGradients: true);
                Assert.True(p.Gradient.IndexOfAnyExcept(0f) < 0, "the step clears the gradients it reads");
            }
            return p.Values.ToArray();
        }
        var single = Train(1);
        foreach (int threads in new[] { 2, 3 })
            Assert.Equal(single, Train(threads));
    }

    [Fact]
    public void EveryKernelFamilyMatchesTheReferenceForEveryLength()
    {
        // Each of m, n and k through 0..256 (full tiles, every row and column tail, every k remainder) while the other
        // two stay small, under each kernel family this machine has.
        foreach (var kind in new[] { GemmKernelKind.Scalar, GemmKernelKind.Vector256, GemmKernelKind.Vector512 })
        {
            Gemm.ForcedKernel = kind;
            foreach (int length in Enumerable.Range(0, 257))
            {
                foreach (var (m, n, k) in new[] { (length, 5, 7), (3, length, 9), (4, 6, length) })
                {
                    var p = new GemmCase(m, n, k, transA: length % 2 == 1, accumulate: length % 3 == 0, seed: length);
                    p.Run();
                    GemmTests.AssertMatchesReference(p);
                    p.AssertGuardsIntact();
                }
            }
        }
    }
}
