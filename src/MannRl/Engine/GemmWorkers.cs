namespace MannRl.Engine;

/// <summary>
/// Persistent helper threads for multi-threaded products and other large element-wise passes (optimizer updates). The
/// calling thread publishes a task function with its state (a <see cref="GemmJob"/>, a range cut), wakes helpers and
/// takes tasks itself; every thread pulls the next task index from a shared counter until none is left, so a core slowed by
/// other work simply takes fewer tasks. Nothing is allocated per job (no closures, no Task objects). One job uses the
/// helpers at a time; a concurrent caller is told to run alone instead, which gives the same bits.
/// </summary>
internal static unsafe class GemmWorkers
{
    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly ManualResetEventSlim AllDone = new(false);
    private static int s_threadCount;
    private static delegate*<void*, int, void> s_task;
    private static void* s_state;
    private static int s_taskCount;
    private static int s_nextTask;
    private static int s_busyHelpers;

    /// <summary>
    /// Runs <paramref name="task"/>(<paramref name="state"/>, i) for i = 0..<paramref name="tasks"/>-1 on the caller and
    /// up to <paramref name="helpers"/> helper threads; the tasks must write disjoint data. <paramref name="state"/> must
    /// stay valid until this returns (it waits for every task). False (nothing run) when another job holds the helpers.
    /// </summary>
    public static bool TryRun(delegate*<void*, int, void> task, void* state, int tasks, int helpers)
    {
        if (helpers < 1 || !Monitor.TryEnter(Gate)) return false;
        try
        {
            s_task = task;
            s_state = state;
            EnsureThreads(helpers);
            s_taskCount = tasks;
            s_nextTask = 0;
            s_busyHelpers = helpers;
            AllDone.Reset();
            Wake.Release(helpers); // a full fence: helpers see the job written above
            RunTasks();
            // Take back wake-ups no helper has claimed yet (its core may be busy elsewhere): waiting for a helper
            // that would only find no task left costs a scheduler time slice.
            while (Wake.Wait(0))
            {
                if (Interlocked.Decrement(ref s_busyHelpers) == 0) AllDone.Set();
            }
            AllDone.Wait();
            return true;
        }
        finally
        {
            s_task = null;
            s_state = null;
            Monitor.Exit(Gate);
        }
    }

    private static void RunTasks()
    {
        int task;
        while ((task = Interlocked.Increment(ref s_nextTask) - 1) < s_taskCount)
            s_task(s_state, task);
    }

    private static void EnsureThreads(int count)
    {
        for (; s_threadCount < count; s_threadCount++)
        {
            var thread = new Thread(HelperLoop) { IsBackground = true, Name = $"gemm-helper-{s_threadCount + 1}" };
            thread.Start();
        }
    }

    private static void HelperLoop()
    {
        while (true)
        {
            Wake.Wait();
            RunTasks();
            if (Interlocked.Decrement(ref s_busyHelpers) == 0) AllDone.Set();
        }
    }
}
