using MannRl.Engine.Parallel;

namespace MannRl.Engine;

/// <summary>
/// How the engine may use the machine: the most threads one matrix product or element-wise pass may use, and whether
/// those threads are pinned to CPUs. The entry point (the CLI's <c>--threads</c>, a benchmark, a test) makes one and
/// hands it to the trainer and evaluator, which pass it to the module contexts and optimizers they create. Results
/// never depend on it: every thread count gives the same bits.
/// </summary>
/// <remarks>
/// Threads beyond the caller come from one process-wide <see cref="WorkerPool"/>, which takes its pinning decision from
/// the first setting that starts it.
/// </remarks>
public sealed class Compute
{
    /// <summary>
    /// The thread count to use when the user names none: the CPUs this process may use (its affinity mask and CPU
    /// quota), no more than a Slurm task's <c>SLURM_CPUS_PER_TASK</c>. Safe on a shared machine: helpers are pinned only
    /// to idle CPUs and set aside while they run late, so the default is never much slower than one thread.
    /// </summary>
    public static int DefaultThreads => CpuBudget.Cpus;

    /// <summary>Everything on the calling thread.</summary>
    public static Compute SingleThread { get; } = new(1);

    /// <summary>
    /// A setting for up to <paramref name="threads"/> threads. With <paramref name="pinThreads"/>, threads that take
    /// every CPU the process may use are pinned (see <see cref="PinThreads"/>); otherwise the scheduler places them.
    /// </summary>
    public Compute(int threads, bool pinThreads = true)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), $"{threads} threads; use 1 or more");
        Threads = threads;
        // Pinned only when the threads take every allowed CPU: with CPUs to spare the scheduler has room, and several
        // processes would otherwise pin their helpers to the same CPUs.
        PinThreads = pinThreads && threads > 1 && threads >= CpuAffinity.AllowedCpus().Length;
    }

    /// <summary>Most threads (the calling one included) a product or element-wise pass may use; 1 = single-threaded.</summary>
    public int Threads { get; }

    /// <summary>
    /// Whether each helper thread may run on a CPU of its own (Linux; decided at construction: the threads take every
    /// CPU the process may use). Left to itself, the scheduler sometimes kept a helper on the caller's CPU while another
    /// idled. The helpers are pinned only when those CPUs are idle when the first parallel pass starts helpers (another
    /// process on a helper's CPU would make every pass wait for it).
    /// </summary>
    public bool PinThreads { get; }

    /// <summary>
    /// For a process's main computing thread (the CLI's, a benchmark's): when <see cref="PinThreads"/>, the calling thread
    /// is pinned to the CPUs no helper is pinned to at its first parallel pass that pins helpers, and let go to every
    /// CPU again if the helpers are later found running late.
    /// </summary>
    /// <returns>Whether the calling thread is to be kept off the helpers' CPUs.</returns>
    public bool KeepCallingThreadOffHelpers() => Threads > 1 && WorkerPool.KeepCallerOffHelpers(this);

    /// <inheritdoc/>
    public override string ToString() => $"{Threads} thread{(Threads == 1 ? "" : "s")}{(PinThreads ? ", pinned" : "")}";
}
