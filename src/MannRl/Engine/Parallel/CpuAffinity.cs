using System.Runtime.InteropServices;

namespace MannRl.Engine.Parallel;

/// <summary>
/// Thread placement on Linux. The scheduler may leave a new busy thread on the CPU of the thread that started it for tens
/// of milliseconds while another CPU idles, so that two threads run at one core's speed (docs/benchmarks.md, issue 6).
/// Pinning each helper to its own CPU, and the training thread to the others, avoids that. Elsewhere, or when the calls
/// fail, nothing is pinned and the scheduler decides.
/// </summary>
internal static unsafe partial class CpuAffinity
{
    private const int MaskBytes = 128; // 1,024 CPUs

    /// <summary>The CPUs the calling thread may run on, ascending; empty when unknown.</summary>
    public static int[] AllowedCpus()
    {
        if (!OperatingSystem.IsLinux()) return [];
        try
        {
            var mask = stackalloc byte[MaskBytes];
            if (sched_getaffinity(0, MaskBytes, mask) != 0) return [];
            var cpus = new List<int>();
            for (int i = 0; i < MaskBytes * 8; i++)
                if ((mask[i >> 3] & (1 << (i & 7))) != 0) cpus.Add(i);
            return cpus.ToArray();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return [];
        }
    }

    /// <summary>The CPU the calling thread runs on now, or -1.</summary>
    public static int CurrentCpu()
    {
        if (!OperatingSystem.IsLinux()) return -1;
        try
        {
            return sched_getcpu();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }

    /// <summary>Restricts the calling thread to <paramref name="cpus"/>; false when that failed (nothing changed).</summary>
    public static bool PinCurrentThread(ReadOnlySpan<int> cpus)
    {
        if (!OperatingSystem.IsLinux() || cpus.IsEmpty) return false;
        try
        {
            var mask = stackalloc byte[MaskBytes];
            new Span<byte>(mask, MaskBytes).Clear();
            foreach (int c in cpus)
            {
                if (c < 0 || c >= MaskBytes * 8) return false;
                mask[c >> 3] |= (byte)(1 << (c & 7));
            }
            return sched_setaffinity(0, MaskBytes, mask) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int pid, nint size, byte* mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nint size, byte* mask);

    [LibraryImport("libc")]
    private static partial int sched_getcpu();
}
