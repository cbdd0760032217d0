using System.Diagnostics;

namespace MannRl.Bench;

/// <summary>
/// Stopwatch timing: the body is first run until about <see cref="TargetRepeat"/> has passed (warm-up: JIT tiers,
/// caches, helper threads), which also fixes how many calls one timed repeat makes; then the median time per call over
/// the repeats is reported. A median ignores the repeats hit by another process on a shared machine.
/// </summary>
public static class BenchTimer
{
    /// <summary>Wall time one timed repeat aims at.</summary>
    public static readonly TimeSpan TargetRepeat = TimeSpan.FromMilliseconds(25);

    /// <summary>Median seconds per call of <paramref name="body"/> over <paramref name="repeats"/> timed repeats.</summary>
    public static double MedianSeconds(Action body, int repeats = 21)
    {
        // Warm-up doubles as calibration: keep doubling the batch until one batch lasts the target time.
        int calls = 1;
        while (true)
        {
            var warm = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++) body();
            if (warm.Elapsed >= TargetRepeat || calls >= 1 << 24) break;
            calls *= 2;
        }

        var perCall = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++) body();
            perCall[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / calls;
        }
        Array.Sort(perCall);
        return perCall[repeats / 2];
    }
}
