namespace MannRl.Engine.Parallel;

/// <summary>
/// Runs an element-wise pass over n elements, cut into ranges on up to <see cref="Compute.Threads"/> threads when n is
/// large enough (<see cref="WorkerPool"/>). Each element is computed by the same operations whatever the cut, so the result
/// is bit-identical for every thread count. Ranges start at multiples of 16, so vector loops see the same alignment.
/// </summary>
internal static unsafe class ElementwiseTasks
{
    /// <summary>
    /// Fewest elements per thread worth waking a helper for (a wake costs microseconds): POS's 225 K-value weight is
    /// split, logic's tensors of at most 3 K values are not.
    /// </summary>
    public const int ElementsPerThread = 1 << 15;

    private struct Cut
    {
        public delegate*<void*, int, int, void> Body;
        public void* State;
        public int Length, Chunk;
    }

    /// <summary>
    /// Calls <paramref name="body"/>(state, start, end) over ranges covering 0..<paramref name="length"/>, using a thread
    /// per <paramref name="perThread"/> elements at most.
    /// </summary>
    public static void Run(Compute compute, delegate*<void*, int, int, void> body, void* state, int length, int perThread = ElementsPerThread)
    {
        int threads = Math.Clamp(length / Math.Max(perThread, 1), 1, compute.Threads);
        if (threads > 1)
        {
            // One range per thread: each thread then mostly gets the same range every step, and its data stay in that
            // core's cache (smaller ranges pulled by whichever thread comes first move the optimizer state between the
            // cores' caches every step); a helper that does not wake in time leaves its range to the caller.
            int tasks = threads;
            int chunk = (length + tasks - 1) / tasks;
            chunk = (chunk + 15) & ~15;
            var cut = new Cut { Body = body, State = state, Length = length, Chunk = chunk };
            if (WorkerPool.TryRun(compute, &RunTask, &cut, (length + chunk - 1) / chunk, threads - 1)) return;
        }
        body(state, 0, length);
    }

    private static void RunTask(void* cutState, int task)
    {
        ref var cut = ref *(Cut*)cutState;
        int start = task * cut.Chunk;
        cut.Body(cut.State, start, Math.Min(start + cut.Chunk, cut.Length));
    }
}
