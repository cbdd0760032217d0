using System.Globalization;

namespace MannRl.Engine.Parallel;

/// <summary>
/// Whether other processes are using some CPUs now: the busy time of those CPUs in <c>/proc/stat</c> over a short
/// sample, less this process's own CPU time (<c>/proc/self/stat</c>). Pinning a thread to a CPU another process keeps
/// busy halves that thread's speed and makes every parallel pass wait for it (issue 18), so helpers are pinned only
/// when the CPUs are idle. Linux only; elsewhere, or when the files cannot be read, the answer is unknown (null).
/// </summary>
internal static class CpuIdleness
{
    /// <summary>Other work worth about this many CPUs or more makes the CPUs busy (a single busy process is 1).</summary>
    public const double BusyCpus = 0.5;

    /// <summary>
    /// CPUs' worth of other processes' work on <paramref name="cpus"/> during <paramref name="sample"/> (the calling
    /// thread sleeps meanwhile), or null when unknown.
    /// </summary>
    public static double? OtherWork(IReadOnlyCollection<int> cpus, TimeSpan sample)
    {
        if (!OperatingSystem.IsLinux() || cpus.Count == 0) return null;
        try
        {
            var before = Read(cpus);
            long selfBefore = SelfTicks(File.ReadAllText("/proc/self/stat"));
            Thread.Sleep(sample);
            var after = Read(cpus);
            long selfAfter = SelfTicks(File.ReadAllText("/proc/self/stat"));
            if (before is null || after is null) return null;
            return OtherCpus(before.Value, after.Value, selfAfter - selfBefore, cpus.Count);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static (long Busy, long Total)? Read(IReadOnlyCollection<int> cpus) => CpuTicks(File.ReadAllText("/proc/stat"), cpus);

    /// <summary>
    /// Busy and total ticks summed over the lines <c>cpuN</c> of <paramref name="procStat"/> for N in
    /// <paramref name="cpus"/>; null when a CPU has no line. Busy: user, nice, system, irq, softirq and steal (time the
    /// hypervisor gave to others is not this process's either); idle: idle and iowait.
    /// </summary>
    public static (long Busy, long Total)? CpuTicks(string procStat, IReadOnlyCollection<int> cpus)
    {
        long busy = 0, total = 0;
        int found = 0;
        foreach (var line in procStat.Split('\n'))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.Length < 4 || !char.IsAsciiDigit(line[3])) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!int.TryParse(f[0].AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out int cpu) || !cpus.Contains(cpu)) continue;
            if (f.Length < 9) return null;
            long Field(int i) => long.Parse(f[i], NumberStyles.None, CultureInfo.InvariantCulture);
            long user = Field(1), nice = Field(2), system = Field(3), idle = Field(4), iowait = Field(5), irq = Field(6), softirq = Field(7), steal = Field(8);
            busy += user + nice + system + irq + softirq + steal;
            total += user + nice + system + idle + iowait + irq + softirq + steal;
            found++;
        }
        return found == cpus.Count ? (busy, total) : null;
    }

    /// <summary>User plus system ticks of the process whose <c>/proc/PID/stat</c> line is <paramref name="procSelfStat"/>.</summary>
    public static long SelfTicks(string procSelfStat)
    {
        // The command name (field 2) is in parentheses and may hold spaces: fields are counted after its ')'.
        var f = procSelfStat[(procSelfStat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
        return long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// CPUs' worth of other work between two readings of <paramref name="cpuCount"/> CPUs, of which
    /// <paramref name="selfTicks"/> were this process's.
    /// </summary>
    public static double OtherCpus((long Busy, long Total) before, (long Busy, long Total) after, long selfTicks, int cpuCount)
    {
        long total = after.Total - before.Total;
        if (total <= 0) return 0;
        long others = Math.Max(after.Busy - before.Busy - selfTicks, 0);
        return others * (double)cpuCount / total;
    }
}
