using System.Globalization;
using System.Text;

namespace MannRl.Bench;

/// <summary>The markdown report of the <c>steps</c> suite.</summary>
public static class StepsReport
{
    /// <summary>Facts about the run and the machine.</summary>
    public sealed record Facts(string Date, string Commit, int Cores, string Cpu, string Command, string LoadBefore, string LoadAfter,
        double Ghz, double PeakPerCore, double FmaMeasured, string DataDir, string PeakMeasurements);

    /// <summary>The contended scenario: the settings measured again while another process spun on <paramref name="Cpu"/>.</summary>
    public sealed record Contended(int Cpu, int DefaultThreads, IReadOnlyList<SettingResult> Results);

    /// <summary>Most the default thread count may be slower than 1 thread with one CPU busy (issue 18).</summary>
    public const double ContendedAllowance = 1.10;

    /// <summary>Builds the report.</summary>
    public static string Build(Facts f, IReadOnlyList<SettingResult> results, FullRunResult? logic, Contended? contended = null)
    {
        var sb = new StringBuilder();
        // Interpolations format with the current culture: the build sets InvariantGlobalization, so that is the invariant one.
        void L(string line) => sb.AppendLine(line);

        L($"# Benchmarks: training steps of the best settings");
        L($"");
        L($"- Date: {f.Date}; commit: {f.Commit}");
        L($"- Machine: {f.Cores} cores, CPU \"{f.Cpu}\"; load average before {f.LoadBefore}, after {f.LoadAfter}");
        L($"- Command (repository root): `{f.Command}`; data: `{f.DataDir}`");
        L($"- FP32 FMA peak (`CpuPeak`): the core clock, measured with a chain of dependent single-cycle integer operations before and after the " +
          $"settings ({f.PeakMeasurements}; another process on the core can only slow the loops, so the higher is taken), is {f.Ghz:F2} GHz; " +
          $"peak per core = {f.Ghz:F2} GHz x 16 lanes (512-bit) x 2 FLOPs per FMA x {CpuPeak.FmaPipes} FMA pipes = {f.PeakPerCore:F1} GFLOP/s " +
          $"(16 independent 512-bit FMA chains on one core reached {f.FmaMeasured:F1} GFLOP/s); with t threads the peak is t x {f.PeakPerCore:F1}.");
        L($"");

        L($"## Training steps and evaluation");
        L($"");
        L($"| setting | threads | steps/s | us/step median (min-max) | MFLOP/step | GFLOP/s | % of peak | products alone: us/step, GFLOP/s, % of peak | products / step time | eval symbols/s | peak RSS |");
        L($"|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            foreach (var t in r.Threads)
            {
                var (median, min, max) = Stats(t.StepSeconds(r.NominalTrainingsPerStep));
                double peak = t.Threads * f.PeakPerCore;
                double gflops = r.FlopsPerStep / median / 1e9;
                double productGflops = r.FlopsPerStep / t.ProductSecondsPerStep / 1e9;
                double evalRate = r.ValidationSymbols / Stats(t.EvalSeconds).Median;
                L($"| {r.Name} | {t.Threads} | {1 / median:N0} | {1e6 * median:F1} ({1e6 * min:F1}-{1e6 * max:F1}) | {r.FlopsPerStep / 1e6:F3} | {gflops:F1} | {100 * gflops / peak:F1}% | {1e6 * t.ProductSecondsPerStep:F1}, {productGflops:F1}, {100 * productGflops / peak:F1}% | {100 * t.ProductSecondsPerStep / median:F0}% | {evalRate:N0} | {(t.Threads == 1 ? Mb(r.PeakResidentBytes) : "")} |");
            }
        }
        L($"");
        L($"Settings (shipped configs, real data):");
        foreach (var r in results)
        {
            var rep = r.Threads[0].Repeats;
            L($"- **{r.Name}**: {r.Label}, `{r.ConfigPath}`; input {r.InputDim}, targets {r.TargetDim}, memory {r.MemoryDim}; parameters: action {r.ActionParameters:N0}, memory-net {r.MemoryParameters:N0}. " +
              $"A timed repeat is one epoch over {r.RepeatSequences:N0} of the {r.TrainSequences:N0} epoch-1 training sequences ({rep[0].Steps:N0} steps, " +
              $"{rep[0].MemoryTrainings} memory trainings; {r.Threads[0].Repeats.Count} timed repeats per thread count after {string.Join(" and ", r.Threads.Select(t => t.WarmUpEpochs))} warm-up epochs). " +
              $"Evaluation: {r.ValidationSequences:N0} validation sequences ({r.ValidationSymbols:N0} symbols).");
            L($"  Linear layers (in -> out; lookup = one-hot row lookup, no product; dX = input gradient computed): " +
              string.Join("; ", r.Linears.Select(l => $"{l.Net} {l.Layer} {l.In}->{l.Out}{(l.Lookup ? " lookup" : "")}{(l.InputGradient ? " dX" : "")}")) + ".");
        }
        L($"");

        if (contended is not null)
        {
            int d = contended.DefaultThreads;
            L($"## One CPU busy: the default thread count against 1 thread");
            L($"");
            L($"Each setting measured again (a child process as above) while another process spins on CPU {contended.Cpu} " +
              $"(`MannRl.Bench busy`, started before the child and killed after it), at 1 thread and at the default thread count " +
              $"(`Compute.DefaultThreads` = {d}: helpers pinned only when the CPUs are idle, set aside while they run late). " +
              $"Median us/step; the contract: with one CPU busy the default is at most {100 * (ContendedAllowance - 1):F0}% slower than 1 thread, and quiet it keeps its speed.");
            L($"");
            L($"| setting | quiet, 1 thread | quiet, {d} threads | one CPU busy, 1 thread | one CPU busy, default ({d}) | busy: default / 1 thread | within {100 * (ContendedAllowance - 1):F0}% |");
            L($"|---|---|---|---|---|---|---|");
            foreach (var b in contended.Results)
            {
                var q = results.FirstOrDefault(r => r.Name == b.Name);
                string Quiet(int t) => q?.Threads.Any(x => x.Threads == t) == true ? $"{1e6 * StepMedian(q, t):F1}" : "-";
                double one = StepMedian(b, 1), def = StepMedian(b, d);
                L($"| {b.Name} | {Quiet(1)} | {Quiet(d)} | {1e6 * one:F1} | {1e6 * def:F1} | {def / one:F2} | {Met(def <= ContendedAllowance * one)} |");
            }
            L($"");
        }

        L($"## FLOPs per step by stage");
        L($"");
        L($"| setting | action forward+backward | memory training (amortised) | next-memory forward | total MFLOP/step |");
        L($"|---|---|---|---|---|");
        foreach (var r in results)
        {
            double Phase(string p) => r.Products.Where(u => u.Phase == p).Sum(u => u.Flops * u.PerStep) / 1e6;
            L($"| {r.Name} | {Phase("action step"):F3} | {Phase("memory training"):F3} | {Phase("next memory"):F3} | {r.FlopsPerStep / 1e6:F3} |");
        }
        L($"");

        L($"## Where a step's time goes (us per step; the trainer's own stages, timed inside its passes)");
        L($"");
        var columns = results.SelectMany(r => r.Threads.Select(t => (r, t))).ToList();
        L($"| part | {string.Join(" | ", columns.Select(c => $"{c.r.Name} {c.t.Threads}t"))} |");
        L($"|---|{string.Concat(columns.Select(_ => "---|"))}");
        int parts = columns[0].t.Profile.Count;
        for (int i = 0; i < parts; i++)
        {
            string name = columns[0].t.Profile[i].Name;
            L($"| {name} | {string.Join(" | ", columns.Select(c => Part(c.t, i)))} |");
        }
        L($"| sum of the stages | {string.Join(" | ", columns.Select(c => $"{1e6 * c.t.Profile.Sum(p => p.SecondsPerStep):F1}"))} |");
        L($"| profiled pass, per step | {string.Join(" | ", columns.Select(c => $"{1e6 * c.t.ChainedSecondsPerStep:F1}"))} |");
        L($"| measured step (median) | {string.Join(" | ", columns.Select(c => $"{1e6 * Stats(c.t.StepSeconds(c.r.NominalTrainingsPerStep)).Median:F1}"))} |");
        L($"");
        L($"The stages are the trainer's public step API (`Trainer.BeginEpoch`, `NextBatch`, `TrainActionStep`, `TrainMemory`, " +
          $"`WriteNextMemory`), the calls `Trainer.Train` makes, each timed where the pass runs it (median of up to " +
          $"{StepProfile.MaxPasses} passes over the timed training set); the memory training is amortised: per training x " +
          $"mem_train_iterations / (settle + history). The profiled pass's excess over the sum is the loop and the timers; the " +
          $"measured step (the timed `Train` calls) differs from the profiled pass by noise, the shuffle and the epoch's set-up.");
        L($"");

        L($"## Full runs");
        L($"");
        if (logic is not null)
        {
            L($"Measured: `{logic.Command}` (run directory in /tmp, removed afterwards).");
            L($"");
            L($"| run | wall time | trainer clock | steps | peak RSS | train wF1 | train answers | validation wF1 | validation answers |");
            L($"|---|---|---|---|---|---|---|---|---|");
            L($"| logic best (72 epochs, 1 thread) | {logic.WallSeconds:F2} s | {(logic.TrainingSeconds is { } ts ? $"{ts:F1} s" : "-")} | {logic.Steps?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} | {Mb(logic.PeakResidentBytes)} | {F4(logic.Train?.WeightedF1)} | {Pct(logic.Train?.AnswerAccuracy)} | {F4(logic.Validation?.WeightedF1)} | {Pct(logic.Validation?.AnswerAccuracy)} |");
            L($"");
            L($"The original (PyTorch, one thread, same machine class): 1,196 s; final validation wF1 0.984, answers 95.6% (seed 13; its \"train\" evaluation is a fresh draw, not the training data).");
            L($"");
        }
        L($"Estimated from the measured step time and evaluation speed: full-run steps x us/step + evaluated symbols / (eval symbols/s); process start, data loading and checkpoints not included.");
        L($"");
        L($"| setting | epochs | steps (first epoch) | evaluations (symbols) | estimate, 1 thread | estimate, 2 threads |");
        L($"|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var fr = r.FullRun;
            L($"| {r.Name} | {fr.Epochs:N0} | {fr.Steps:N0} ({fr.StepsFirstEpoch:N0}) | {fr.Evaluations} ({fr.EvalSymbols:N0}) | {Duration(Estimate(r, 1))} | {Duration(Estimate(r, 2))} |");
        }
        L($"");

        L($"## Targets");
        L($"");
        L($"| target | measured | met |");
        L($"|---|---|---|");
        var logicR = results.FirstOrDefault(r => r.Name == "logic");
        var posR = results.FirstOrDefault(r => r.Name == "pos");
        var sentR = results.FirstOrDefault(r => r.Name == "sentences");
        var parR = results.FirstOrDefault(r => r.Name == "parallel");
        if (logicR is not null)
        {
            double s1 = 1e6 * StepMedian(logicR, 1), s2 = 1e6 * StepMedian(logicR, 2);
            L($"| logic step <= 15 us (median) | {s1:F1} us (1 thread), {s2:F1} us (2 threads) | {Met(Math.Min(s1, s2) <= 15)}{(s1 <= 15 || s2 > 15 ? "" : " (2 threads only)")} |");
        }
        if (logic is not null)
            L($"| logic full run <= 8 s (original 1,196 s) | {logic.WallSeconds:F2} s wall, 1 thread | {Met(logic.WallSeconds <= 8)} |");
        if (sentR is not null && sentR.Threads.FirstOrDefault(t => t.Threads == 2) is { } st2)
        {
            double peak2 = 2 * f.PeakPerCore;
            double products = sentR.FlopsPerStep / st2.ProductSecondsPerStep / 1e9;
            double step = sentR.FlopsPerStep / StepMedian(sentR, 2) / 1e9;
            string oneThread = sentR.Threads.FirstOrDefault(t => t.Threads == 1) is { } st1
                ? $" (1 thread: products alone {sentR.FlopsPerStep / st1.ProductSecondsPerStep / 1e9:F1} GFLOP/s = {100 * sentR.FlopsPerStep / st1.ProductSecondsPerStep / 1e9 / f.PeakPerCore:F1}% of one core's {f.PeakPerCore:F0})"
                : "";
            L($"| memory-1,024 matrix products >= 50% of FMA peak on 2 cores | 2 threads: products alone {products:F1} GFLOP/s = {100 * products / peak2:F1}% of {peak2:F0}; whole step {step:F1} GFLOP/s = {100 * step / peak2:F1}%{oneThread} | {Met(products / peak2 >= 0.5)} |");
        }
        if (posR is not null)
        {
            double e1 = Estimate(posR, 1), e2 = Estimate(posR, 2);
            L($"| POS full run (256 epochs) < 10 min (estimate) | {Duration(e1)} (1 thread), {Duration(e2)} (2 threads) | {Met(Math.Min(e1, e2) < 600)}{(e1 < 600 || e2 >= 600 ? "" : " (2 threads only)")} |");
        }
        if (logicR is not null)
        {
            long? cli = logic?.PeakResidentBytes;
            bool ok = (cli ?? logicR.PeakResidentBytes) is long b && b <= 150L * 1024 * 1024;
            L($"| peak RSS logic <= 150 MB | {(cli is not null ? $"CLI run {Mb(cli)}; " : "")}bench child {Mb(logicR.PeakResidentBytes)} | {Met(ok)} |");
        }
        if (contended is not null)
        {
            var worst = contended.Results.Select(b => (b.Name, Ratio: StepMedian(b, contended.DefaultThreads) / StepMedian(b, 1))).MaxBy(x => x.Ratio);
            L($"| one CPU busy: default threads at most {100 * (ContendedAllowance - 1):F0}% slower than 1 thread | worst: {worst.Name} {worst.Ratio:F2} x | {Met(worst.Ratio <= ContendedAllowance)} |");
        }
        if (parR is not null)
            L($"| peak RSS memory-8,192 parallel <= 1.5 GB | bench child {Mb(parR.PeakResidentBytes)} | {Met(parR.PeakResidentBytes is long b && b <= 1536L * 1024 * 1024)} |");
        L($"");

        L($"## Method");
        L($"");
        L($"- A step is the trainer's full step: action forward + loss + backward + clipping + optimizer, the memory-net training " +
          $"(every settle+history steps, mem_train_iterations times, on mem_num_samples x batch rows) and the next-memory forward. " +
          $"It is timed by running the real `Trainer.Train` for one epoch over a truncated training set (a `SequenceDataset` holding the " +
          $"first training sequences of epoch 1) and dividing by the steps it took (`Trainer.Steps`). Each setting runs in its own child " +
          $"process with a fresh trainer per thread count (`new Compute(threads)`, with `Compute.KeepCallingThreadOffHelpers` as the CLI) whose action optimizer starts at step {StepChild.LateOptimizerStep:N0} (late in a run, Adam's bias correction is 1 and its division skipped, as for all but a long run's first 16,600 steps); warm-up epochs until at least a second has passed and the last two epochs agree within 5% (at most 30 s), then the timed repeats; the table gives the median and the range.");
        L($"- The trainer always evaluates after its first epoch: the benchmark gives it one short validation sequence as both the train-eval " +
          $"and the validation set, times that evaluation separately and subtracts it twice. A truncated epoch of S steps runs floor((S-1)/(settle+history)) " +
          $"memory trainings instead of the S x iterations/(settle+history) of a long epoch; the missing trainings are added back at their measured " +
          $"time (the profile's gather + update), so us/step is the amortised cost of a step in a long epoch.");
        L($"- FLOPs count only the matrix products, from the layer shapes of the built nets: 2·rows·in·out per product; forward one product, " +
          $"backward dW and dX (dX only where the layer's input needs a gradient, i.e. not a net's first layer over data); a one-hot input row " +
          $"(inputs of 32 or more one-hot features) is looked up, no product. Memory-net training: two forwards and two backwards on mem_num_samples x batch rows, " +
          $"times mem_train_iterations/(settle+history) per step; rows are the nominal batch (the epoch tail has fewer). Not counted: bias, BatchNorm, " +
          $"activations, softmax, losses, clipping, optimizer updates (linear in the parameter or activation count).");
        L($"- \"Products alone\": every product shape of the step timed by itself as the layers run it (`Gemm.Multiply`, or for a forward on at most 16 rows after a weight change the in-place `SmallBatchForward`; random operands), weighted by its calls per step; " +
          $"\"products / step time\" is that time over the measured step.");
        L($"- Load: the machine has {f.Cores} cores. A load average near or above 1 before the run means another process held a core for most " +
          $"of it; then the 2-thread rows measure two threads sharing one free core (contention), not the split of the work.");
        L($"- Evaluation: `Evaluator.Evaluate` over the whole validation split at eval_batch_size, after a warm-up call; symbols = validation positions.");
        L($"- Peak RSS: VmHWM of the child process (data loaded, one trainer, the timed training and evaluation at 1 thread), read before the " +
          $"profile allocates anything more; for the CLI run, VmHWM polled from /proc every 20 ms.");
        return sb.ToString();
    }

    private static double StepMedian(SettingResult r, int threads) =>
        Stats(r.Threads.Single(t => t.Threads == threads).StepSeconds(r.NominalTrainingsPerStep)).Median;

    private static double Estimate(SettingResult r, int threads)
    {
        var t = r.Threads.FirstOrDefault(x => x.Threads == threads);
        if (t is null) return double.NaN;
        double evalRate = r.ValidationSymbols / Stats(t.EvalSeconds).Median;
        return r.FullRun.Steps * StepMedian(r, threads) + r.FullRun.EvalSymbols / evalRate;
    }

    private static string Part(ThreadResult t, int i)
    {
        var p = t.Profile[i];
        return p.SecondsPerCall == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{1e6 * p.SecondsPerStep:F2}");
    }

    private static (double Median, double Min, double Max) Stats(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        double median = v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        return (median, v[0], v[^1]);
    }

    private static string Mb(long? bytes) => bytes is long b ? string.Create(CultureInfo.InvariantCulture, $"{b / (1024.0 * 1024):N0} MB") : "-";

    private static string F4(double? v) => v is double x ? x.ToString("F4", CultureInfo.InvariantCulture) : "-";

    private static string Pct(double? v) => v is double x ? (100 * x).ToString("F1", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Met(bool ok) => ok ? "yes" : "**no**";

    private static string Duration(double seconds) => double.IsNaN(seconds) ? "-"
        : seconds < 120 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s")
        : seconds < 2 * 3600 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F1} min")
        : seconds < 2 * 86400 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:F1} days");
}
