using System.Diagnostics;

namespace MannRl.Engine.Parallel;

/// <summary>
/// Persistent helper threads for multi-threaded products and other large element-wise passes (optimizer updates). The
/// calling thread publishes a task function with its state (a product's job, a range cut) under a new job
/// number and takes tasks itself; every thread pulls the next task index from a shared counter until none is left, so a
/// core slowed by other work simply takes fewer tasks. Nothing is allocated per job (no closures, no Task objects). One
/// job uses the helpers at a time; a concurrent caller is told to run alone instead, which gives the same bits.
/// </summary>
/// <remarks>
/// A training step starts several short parallel passes, tens of microseconds apart. A helper woken from the kernel
/// arrives after the caller has run every range alone, so helpers poll the job number for
/// <see cref="SpinTicks"/> before they block; when the threads take every CPU, each helper is pinned to a CPU of its
/// own (<see cref="CpuAffinity"/>). Handshakes are pairs of full fences (Interlocked), so neither side can miss the
/// other: a helper announces itself as sleeping, then re-reads the job number; the caller bumps the job number, then
/// wakes every announced sleeper (a wake-up that finds its helper awake only makes it poll again). At the end the
/// caller closes the job, then waits until no helper is inside; a helper enters, then checks that the job is still open.
/// On a shared machine a helper may run late: its CPU busy with another process, it starts after the caller has done
/// the work or is descheduled inside a task while the caller waits. Helpers are therefore pinned only when the CPUs were
/// idle when the pool started (<see cref="CpuIdleness"/>), and every job is timed (<see cref="ParallelGain"/>): when the
/// helpers stop paying for themselves the jobs run on the caller alone for a while, and a pinned caller is let go to
/// every CPU so that the scheduler can move it away from the other process.
/// </remarks>
internal static unsafe class WorkerPool
{
    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Wake = new(0);

    // How long an idle helper polls before it blocks: longer than the gaps inside a step, short enough that a process
    // doing serial work between runs (evaluation set-up, checkpoints) soon stops using the core.
    private static readonly long SpinTicks = Stopwatch.Frequency / 2000; // 0.5 ms

    // How long the pool samples the CPUs' use before it decides whether to pin (once per process).
    private static readonly TimeSpan IdleSample = TimeSpan.FromMilliseconds(50);

    private static readonly ParallelGain s_gain = new();
    private static int[]? s_helperCpus;
    private static int[]? s_callerCpus; // the caller's CPUs before it was pinned; null while not pinned
    private static int s_keepOffThread; // managed id of the thread to keep off the helpers' CPUs; 0 = none
    private static int s_threadCount;
    private static delegate*<void*, int, void> s_task;
    private static void* s_state;
    private static int s_taskCount;
    private static int s_nextTask;
    private static int s_jobHelpers;
    private static int s_job; // job number, bumped per job
    private static int s_open; // 1 while helpers may enter the job
    private static int s_inside; // helpers inside the job
    private static int s_sleepers; // helpers that announced they block

    /// <summary>
    /// Runs <paramref name="task"/>(<paramref name="state"/>, i) for i = 0..<paramref name="tasks"/>-1 on the caller and
    /// up to <paramref name="helpers"/> helper threads; the tasks must write disjoint data. <paramref name="state"/> must
    /// stay valid until this returns (it waits for every task). False (nothing run) when another job holds the helpers or
    /// the helpers are set aside for running late (<see cref="ParallelGain"/>): the caller then runs the tasks alone.
    /// The first call decides from <paramref name="compute"/> whether helpers are pinned.
    /// </summary>
    public static bool TryRun(Compute compute, delegate*<void*, int, void> task, void* state, int tasks, int helpers)
    {
        if (helpers < 1 || !Monitor.TryEnter(Gate)) return false;
        try
        {
            long start = Stopwatch.GetTimestamp();
            bool judge = SetAsideLateHelpers;
            if (judge && !s_gain.UseHelpers(start)) return false;
            EnsureThreads(helpers, compute.PinThreads);
            if (s_keepOffThread == Environment.CurrentManagedThreadId) PinCaller();
            s_task = task;
            s_state = state;
            s_taskCount = tasks;
            s_nextTask = 0;
            s_jobHelpers = helpers;
            Volatile.Write(ref s_open, 1); // release: a helper that reads it open sees the job written above
            Interlocked.Increment(ref s_job);
            int sleepers = Interlocked.Exchange(ref s_sleepers, 0);
            if (sleepers > 0) Wake.Release(sleepers);
            long callerStart = Stopwatch.GetTimestamp();
            int callerTasks = RunTasks();
            long callerEnd = Stopwatch.GetTimestamp();
            Interlocked.Exchange(ref s_open, 0);
            var spin = new SpinWait();
            while (Volatile.Read(ref s_inside) != 0) spin.SpinOnce(sleep1Threshold: -1);
            long end = Stopwatch.GetTimestamp();
            if (judge && s_gain.Record(callerEnd - callerStart, callerTasks, tasks, end - start, end)) UnpinCaller();
            return true;
        }
        finally
        {
            s_task = null;
            s_state = null;
            Monitor.Exit(Gate);
        }
    }

    /// <summary>
    /// Marks the calling thread as the one to keep off the helpers' CPUs: when it first runs a job with pinned helpers,
    /// it is pinned to the CPUs no helper is pinned to. Nothing starts before the first job, so a process whose work
    /// never needs helpers starts none. False when <paramref name="compute"/> allows no pinning.
    /// </summary>
    public static bool KeepCallerOffHelpers(Compute compute)
    {
        if (compute.Threads < 2 || !compute.PinThreads) return false;
        lock (Gate) s_keepOffThread = Environment.CurrentManagedThreadId;
        return true;
    }

    /// <summary>
    /// Whether jobs are judged and helpers set aside when they do not pay (the default). Tests of the helpers' hand-over
    /// and of bit-identical thread counts switch it off, so that a busy test machine cannot quietly make them
    /// single-threaded.
    /// </summary>
    internal static bool SetAsideLateHelpers { get; set; } = true;

    /// <summary>Times the jobs ran on the caller alone because the helpers did not pay (<see cref="ParallelGain"/>).</summary>
    public static int FallBacks
    {
        get
        {
            lock (Gate) return s_gain.FallBacks;
        }
    }

    // Under Gate, on the thread to keep off the helpers.
    private static void PinCaller()
    {
        s_keepOffThread = 0;
        var cpus = s_helperCpus!;
        int pinned = Math.Min(s_threadCount, cpus.Length - 1);
        if (pinned < 1) return;
        var before = CpuAffinity.AllowedCpus();
        if (CpuAffinity.PinCurrentThread(cpus.AsSpan(pinned))) s_callerCpus = before;
    }

    // Under Gate: a caller pinned by PinCaller gets back every CPU it had (only that thread can be let go).
    private static void UnpinCaller()
    {
        if (s_callerCpus is not { } cpus || !CpuAffinity.PinCurrentThread(cpus)) return;
        s_callerCpus = null;
    }

    private static int RunTasks()
    {
        int task, ran = 0;
        while ((task = Interlocked.Increment(ref s_nextTask) - 1) < s_taskCount)
        {
            s_task(s_state, task);
            ran++;
        }
        return ran;
    }

    private static void EnsureThreads(int count, bool pin)
    {
        if (s_helperCpus is null)
        {
            // Helpers take the allowed CPUs in order, the creating thread's own CPU last; one CPU always stays free of
            // helpers.
            int here = CpuAffinity.CurrentCpu();
            var allowed = pin ? CpuAffinity.AllowedCpus() : [];
            // Pinned only to idle CPUs: unknown counts as idle, as before this check existed.
            if (allowed.Length > 0 && CpuIdleness.OtherWork(allowed, IdleSample) >= CpuIdleness.BusyCpus) allowed = [];
            s_helperCpus = allowed.OrderBy(c => c == here ? 1 : 0).ToArray();
        }
        for (; s_threadCount < count; s_threadCount++)
        {
            int index = s_threadCount, cpu = index < s_helperCpus.Length - 1 ? s_helperCpus[index] : -1;
            var thread = new Thread(() => HelperLoop(index, cpu)) { IsBackground = true, Name = $"worker-{index + 1}" };
            thread.Start();
        }
    }

    private static void HelperLoop(int index, int cpu)
    {
        if (cpu >= 0) CpuAffinity.PinCurrentThread([cpu]);
        int seen = Volatile.Read(ref s_job);
        while (true)
        {
            int job;
            long deadline = Stopwatch.GetTimestamp() + SpinTicks;
            int polls = 0;
            while ((job = Volatile.Read(ref s_job)) == seen)
            {
                // No PAUSE (Thread.SpinWait) here: a hypervisor that watches for PAUSE loops takes the vCPU away.
                if ((++polls & 255) != 0 || Stopwatch.GetTimestamp() < deadline) continue;
                Interlocked.Increment(ref s_sleepers);
                if (Volatile.Read(ref s_job) == seen) Wake.Wait();
                deadline = Stopwatch.GetTimestamp() + SpinTicks;
            }
            seen = job;
            Interlocked.Increment(ref s_inside);
            // Open and still this job: the caller waits for this helper. Otherwise the job is over (or a newer one,
            // seen on the next poll) and nothing here may touch it.
            if (index < Volatile.Read(ref s_jobHelpers) && Volatile.Read(ref s_open) == 1 && Volatile.Read(ref s_job) == job)
                RunTasks();
            Interlocked.Decrement(ref s_inside);
        }
    }
}
