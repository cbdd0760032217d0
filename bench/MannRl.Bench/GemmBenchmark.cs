using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using MannRl.Engine;
using MannRl.Engine.Kernels;

namespace MannRl.Bench;

/// <summary>
/// The <c>gemm</c> suite: GFLOP/s of <see cref="Gemm.Multiply(Compute,int,int,int,ReadOnlySpan{float},int,bool,ReadOnlySpan{float},int,Span{float},int,bool)"/>
/// for the three products of a Linear layer (forward Y = X·Wᵀ, dX = dY·W, dW += dYᵀ·X) at the layer sizes of the
/// model, with 1 and 2 threads, against the measured single-core FP32 FMA peak. Options: <c>--out PATH</c> (default
/// docs/benchmarks-gemm.md), <c>--repeats N</c> (timed repeats per case, default 21).
/// </summary>
public static class GemmBenchmark
{
    private const string DefaultOut = "docs/benchmarks-gemm.md";

    /// <summary>What computes the product.</summary>
    private enum Variant
    {
        /// <summary><see cref="Gemm"/> with the best kernel for the machine.</summary>
        Best,

        /// <summary><see cref="Gemm"/> with the AVX2 kernels forced.</summary>
        Avx2,

        /// <summary><see cref="Gemm"/> with the scalar kernel forced.</summary>
        Scalar,

        /// <summary>The bounds-checked dot-product loop Gemm replaced.</summary>
        Naive,
    }

    /// <summary>One Linear product: batch rows, in and out features, which of the three products, threads allowed.</summary>
    private sealed record Case(string Product, int Batch, int In, int Out, int Threads, Variant Variant = Variant.Best, string Note = "")
    {
        /// <summary>Gemm's (m, n, k) and whether A is read transposed.</summary>
        public (int M, int N, int K, bool TransA) Shape => Product switch
        {
            "forward" => (Batch, Out, In, false),
            "dX" => (Batch, In, Out, false),
            "dW" => (Out, In, Batch, true),
            _ => throw new ArgumentException($"unknown product {Product}"),
        };
    }

    /// <summary>Runs the suite; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        string outPath = DefaultOut;
        int repeats = 21;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: outPath = args[++i]; break;
                case "--repeats" when i + 1 < args.Length && int.TryParse(args[i + 1], out repeats) && repeats > 0: i++; break;
                default:
                    Console.Error.WriteLine($"gemm: unknown or incomplete option '{args[i]}'; options: --out PATH, --repeats N (N >= 1)");
                    return 2;
            }
        }

        var cases = new List<Case>();
        foreach (int threads in new[] { 1, 2 })
        {
            cases.Add(new("forward", 16, 59, 59, threads));
            cases.Add(new("forward", 16, 475, 475, threads));
            cases.Add(new("forward", 16, 1120, 1120, threads));
            cases.Add(new("forward", 128, 1120, 1120, threads));
            cases.Add(new("forward", 16, 2144, 1024, threads, Note: "memory-net output layer"));
            cases.Add(new("dX", 16, 1120, 1120, threads));
            cases.Add(new("dW", 16, 1120, 1120, threads));
        }
        cases.Add(new("forward", 16, 1120, 1120, 1, Variant.Avx2, "AVX2 kernels forced"));
        cases.Add(new("forward", 16, 1120, 1120, 1, Variant.Scalar, "scalar kernel forced"));
        cases.Add(new("forward", 16, 1120, 1120, 1, Variant.Naive, "naive dot-product loop (the skeleton's body)"));

        Console.Error.WriteLine("measuring the clock and the FMA peak ...");
        double ghz = CpuPeak.MeasureGHz();
        double peak = CpuPeak.PeakGflops(ghz);
        double fmaMeasured = CpuPeak.MeasureFmaGflops();

        var rows = new List<string>();
        try
        {
            foreach (var c in cases)
            {
                double seconds = Time(c, repeats);
                var (m, n, k, transA) = c.Shape;
                string note = c.Threads > 1 && (long)m * n * k < 2 * Gemm.WorkPerThread
                    ? (c.Note.Length > 0 ? c.Note + "; " : "") + "below the 2-thread threshold: runs on 1"
                    : c.Note;
                double gflops = 2.0 * m * n * k / seconds / 1e9;
                string row = string.Create(CultureInfo.InvariantCulture,
                    $"| {c.Product} | {c.Batch}x{c.In}x{c.Out} | {m}x{n}x{k}{(transA ? " (Aᵀ)" : "")} | {c.Threads} | {seconds * 1e6:F1} | {gflops:F1} | {100 * gflops / peak:F0}% | {note} |");
                Console.Error.WriteLine(row);
                rows.Add(row);
            }
        }
        finally
        {
            Gemm.ForcedKernel = null;
        }

        string report = Report(args, rows, ghz, peak, fmaMeasured);
        BenchReport.WriteAtomically(outPath, report);
        Console.WriteLine(report);
        Console.Error.WriteLine($"written to {Path.GetFullPath(outPath)}");
        return 0;
    }

    private static double Time(Case c, int repeats)
    {
        var (m, n, k, transA) = c.Shape;
        var rng = new Random(1234);
        float[] a = Random(rng, m * k), b = Random(rng, k * n), y = new float[m * n];
        int lda = transA ? m : k;
        bool accumulate = c.Product == "dW"; // the weight gradient adds into the accumulated gradient
        var compute = new Compute(c.Threads);
        Gemm.ForcedKernel = c.Variant switch
        {
            Variant.Avx2 => GemmKernelKind.Vector256,
            Variant.Scalar => GemmKernelKind.Scalar,
            _ => null,
        };
        try
        {
            return c.Variant == Variant.Naive
                ? BenchTimer.MedianSeconds(() => Naive(m, n, k, a, lda, transA, b, n, y, n, accumulate), repeats)
                : BenchTimer.MedianSeconds(() => Gemm.Multiply(compute, m, n, k, a, lda, transA, b, n, y, n, accumulate), repeats);
        }
        finally
        {
            Gemm.ForcedKernel = null;
        }
    }

    private static float[] Random(Random rng, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }

    // The straightforward body Gemm started from: one dot product per output, bounds-checked.
    private static void Naive(int m, int n, int k, float[] a, int lda, bool transA, float[] b, int ldb, float[] c, int ldc, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float s = accumulate ? c[i * ldc + j] : 0f;
                for (int p = 0; p < k; p++)
                    s += (transA ? a[p * lda + i] : a[i * lda + p]) * b[p * ldb + j];
                c[i * ldc + j] = s;
            }
        }
    }

    private static string Report(string[] args, List<string> rows, double ghz, double peak, double fmaMeasured)
    {
        var inv = CultureInfo.InvariantCulture;
        double? nominal = BenchReport.CpuInfoMHz();
        var s = new StringBuilder();
        s.AppendLine("# GEMM benchmark");
        s.AppendLine();
        s.AppendLine(inv, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine(inv, $"- Commit: {BenchReport.Commit()}");
        s.AppendLine(inv, $"- CPU: {BenchReport.CpuModel()}, {Environment.ProcessorCount} logical cores visible; {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSArchitecture}");
        s.AppendLine(inv, $"- SIMD: Vector512 accelerated = {Vector512.IsHardwareAccelerated}, Vector256 accelerated = {Vector256.IsHardwareAccelerated}; kernel used = {Gemm.Kernel}");
        s.AppendLine(inv, $"- Command: `dotnet run -c Release --project bench/MannRl.Bench -- gemm{(args.Length > 0 ? " " + string.Join(' ', args) : "")}`");
        s.AppendLine();
        s.AppendLine("## Single-core FP32 peak");
        s.AppendLine();
        s.AppendLine(inv, $"- Clock: {ghz:F2} GHz, measured as the rate of a chain of dependent 1-cycle integer add/xor operations (median of 9 runs of 640 M operations){(nominal is { } mhz ? string.Create(inv, $"; /proc/cpuinfo reports {mhz:F0} MHz (nominal)") : "")}.");
        s.AppendLine(inv, $"- Peak = cores x GHz x 16 lanes x 2 (FMA) x FMA pipes = 1 x {ghz:F2} x 16 x 2 x {CpuPeak.FmaPipes} = **{peak:F1} GFLOP/s** (Zen 5: two 512-bit FMA pipes per core).");
        s.AppendLine(inv, $"- Cross-check: 16 independent 512-bit FMA chains run at {fmaMeasured:F1} GFLOP/s ({100 * fmaMeasured / peak:F0}% of the formula).");
        s.AppendLine();
        s.AppendLine("## Products");
        s.AppendLine();
        s.AppendLine("Linear shape is batch x in x out; Gemm shape is m x n x k (C is m x n, k the summed dimension); flops = 2·m·n·k.");
        s.AppendLine("forward: Y = X·Wᵀ (B = cached Wᵀ); dX = dY·W; dW += dYᵀ·X (A read transposed, accumulating).");
        s.AppendLine("Time is the median per call over the timed repeats after warm-up; % is of the single-core peak above, also for 2 threads.");
        s.AppendLine("The machine's 2 cores are shared with other work, so 2-thread rows vary from run to run.");
        s.AppendLine();
        s.AppendLine("| product | Linear | Gemm m x n x k | threads | µs/call | GFLOP/s | % of 1-core peak | note |");
        s.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (string row in rows) s.AppendLine(row);
        return s.ToString();
    }
}
