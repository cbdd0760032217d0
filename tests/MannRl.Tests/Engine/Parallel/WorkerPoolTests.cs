using MannRl.Engine;
using MannRl.Engine.Parallel;

namespace MannRl.Tests.Engine.Parallel;

/// <summary>
/// The helpers' hand-over: every task of every job runs exactly once, including jobs that follow each other within
/// microseconds (helpers still polling) and jobs after a pause long enough for the helpers to block. The helpers are
/// never set aside for lateness here, so that jobs keep running on them.
/// </summary>
[Collection("Gemm threads")]
public sealed unsafe class WorkerPoolTests : IDisposable
{
    public WorkerPoolTests() => WorkerPool.SetAsideLateHelpers = false;

    public void Dispose() => WorkerPool.SetAsideLateHelpers = true;

    private struct Counts
    {
        public int* PerTask;
        public int Spin;
    }

    private static void CountTask(void* state, int task)
    {
        ref var c = ref *(Counts*)state;
        for (int i = 0; i < c.Spin; i++) Thread.SpinWait(1); // some work, so several threads get tasks
        Interlocked.Increment(ref c.PerTask[task]);
    }

    [Theory]
    [InlineData(1, 2, 0)]
    [InlineData(1, 2, 50)]
    [InlineData(2, 7, 20)]
    public void EveryTaskRunsOncePerJob(int helpers, int tasks, int spin)
    {
        var perTask = new int[tasks];
        var compute = new Compute(helpers + 1);
        fixed (int* p = perTask)
        {
            var counts = new Counts { PerTask = p, Spin = spin };
            int jobs = 0;
            for (int round = 0; round < 3; round++)
            {
                for (int j = 0; j < 3_000; j++)
                {
                    if (!WorkerPool.TryRun(compute, &CountTask, &counts, tasks, helpers)) CountAll(ref counts, tasks);
                    jobs++;
                    Assert.All(perTask, n => Assert.Equal(jobs, n));
                }
                Thread.Sleep(5); // helpers stop polling after 0.5 ms and block; the next job must wake them
            }
        }
    }

    private static void CountAll(ref Counts c, int tasks)
    {
        fixed (Counts* s = &c)
            for (int t = 0; t < tasks; t++) CountTask(s, t);
    }

    [Fact]
    public void PinningRestrictsTheThreadToTheGivenCpus()
    {
        var allowed = CpuAffinity.AllowedCpus();
        if (!OperatingSystem.IsLinux())
        {
            Assert.Empty(allowed);
            return;
        }
        Assert.NotEmpty(allowed);
        int[]? seenAllowed = null;
        int seenCpu = -1;
        bool pinned = false;
        // On a thread of its own: pinning is for the thread's lifetime, and test runner threads must stay free.
        var thread = new Thread(() =>
        {
            Assert.Contains(CpuAffinity.CurrentCpu(), allowed);
            pinned = CpuAffinity.PinCurrentThread([allowed[^1]]);
            seenAllowed = CpuAffinity.AllowedCpus();
            Thread.Yield();
            seenCpu = CpuAffinity.CurrentCpu();
        });
        thread.Start();
        thread.Join();
        Assert.True(pinned);
        Assert.Equal([allowed[^1]], seenAllowed!);
        Assert.Equal(allowed[^1], seenCpu);
        Assert.False(CpuAffinity.PinCurrentThread([-1]));
    }
}
