using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MannRl.Bench;

/// <summary>
/// The single-core FP32 peak the GEMM numbers are compared with:
/// peak = cores x GHz x lanes (16 floats per 512-bit vector) x 2 (an FMA is two flops) x FMA pipes.
/// The clock is measured, not read: a chain of dependent integer additions runs one per cycle, so chain length
/// / time = cycles per second at the frequency the core actually runs under load (a VM's /proc/cpuinfo shows the
/// nominal clock). A direct FMA-throughput loop cross-checks the formula.
/// </summary>
public static class CpuPeak
{
    /// <summary>512-bit FMA pipes per Zen 5 core (AMD Zen 5 software optimisation guide: two FMA units, 512 bits wide).</summary>
    public const int FmaPipes = 2;

    /// <summary>FP32 lanes per 512-bit vector.</summary>
    public const int Lanes = 16;

    private const int OpsPerIteration = 32;

    /// <summary>Measured core clock in GHz: the median of several timed runs of a dependent add/xor chain.</summary>
    public static double MeasureGHz()
    {
        const long iterations = 20_000_000;
        Chain(1000, 3, 5); // compile before timing
        var samples = new double[9];
        for (int s = 0; s < samples.Length; s++)
        {
            long start = Stopwatch.GetTimestamp();
            long sink = Chain(iterations, s, 0x5DEECE66DL);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            samples[s] = iterations * OpsPerIteration / seconds / 1e9 + (sink == 42 ? 1e-12 : 0);
        }
        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    /// <summary>Peak single-core FP32 GFLOP/s at <paramref name="ghz"/>: 1 core x GHz x 16 lanes x 2 x FMA pipes.</summary>
    public static double PeakGflops(double ghz) => 1 * ghz * Lanes * 2 * FmaPipes;

    /// <summary>Measured GFLOP/s of 16 independent 512-bit FMA chains on one core (enough to cover 4-cycle latency on two pipes).</summary>
    public static double MeasureFmaGflops()
    {
        const long iterations = 10_000_000;
        FmaChains(1000);
        var samples = new double[9];
        for (int s = 0; s < samples.Length; s++)
        {
            long start = Stopwatch.GetTimestamp();
            float sink = FmaChains(iterations);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            samples[s] = iterations * 16.0 * Lanes * 2 / seconds / 1e9 + (sink == 42 ? 1e-12 : 0);
        }
        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    // 32 dependent single-cycle ALU operations per iteration; the loop counter runs beside them on other ALUs.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Chain(long iterations, long x, long y)
    {
        for (long i = 0; i < iterations; i++)
        {
            x += y; x ^= i; x += y; x ^= i; x += y; x ^= i; x += y; x ^= i;
            x += y; x ^= i; x += y; x ^= i; x += y; x ^= i; x += y; x ^= i;
            x += y; x ^= i; x += y; x ^= i; x += y; x ^= i; x += y; x ^= i;
            x += y; x ^= i; x += y; x ^= i; x += y; x ^= i; x += y; x ^= i;
        }
        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float FmaChains(long iterations)
    {
        if (!Vector512.IsHardwareAccelerated) return 0;
        var m = Vector512.Create(0.999999f);
        var add = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector512<float> a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, add); a1 = Vector512.FusedMultiplyAdd(a1, m, add);
            a2 = Vector512.FusedMultiplyAdd(a2, m, add); a3 = Vector512.FusedMultiplyAdd(a3, m, add);
            a4 = Vector512.FusedMultiplyAdd(a4, m, add); a5 = Vector512.FusedMultiplyAdd(a5, m, add);
            a6 = Vector512.FusedMultiplyAdd(a6, m, add); a7 = Vector512.FusedMultiplyAdd(a7, m, add);
            a8 = Vector512.FusedMultiplyAdd(a8, m, add); a9 = Vector512.FusedMultiplyAdd(a9, m, add);
            a10 = Vector512.FusedMultiplyAdd(a10, m, add); a11 = Vector512.FusedMultiplyAdd(a11, m, add);
            a12 = Vector512.FusedMultiplyAdd(a12, m, add); a13 = Vector512.FusedMultiplyAdd(a13, m, add);
            a14 = Vector512.FusedMultiplyAdd(a14, m, add); a15 = Vector512.FusedMultiplyAdd(a15, m, add);
        }
        var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15;
        return Vector512.Sum(sum);
    }
}
