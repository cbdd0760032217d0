using System.Diagnostics;
using System.Text.Json;
using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Engine.Kernels;
using MannRl.Evaluation;
using MannRl.Training;

namespace MannRl.Bench;

/// <summary>One timed repeat: a full <see cref="Trainer.Train"/> call over the truncated training set.</summary>
/// <param name="Seconds">Wall time of the call.</param>
/// <param name="Steps">Training steps it took.</param>
/// <param name="MemoryTrainings">Memory-net trainings it ran.</param>
public sealed record TrainRepeat(double Seconds, long Steps, long MemoryTrainings);

/// <summary>Everything measured for one setting at one thread count.</summary>
public sealed record ThreadResult(
    int Threads,
    int WarmUpEpochs,
    IReadOnlyList<TrainRepeat> Repeats,
    double EvalOverheadSeconds,
    IReadOnlyList<double> EvalSeconds,
    IReadOnlyList<StepPart> Profile,
    double ChainedSecondsPerStep,
    double ProductSecondsPerStep)
{
    /// <summary>
    /// Seconds per step of each repeat: (wall − the two one-sequence evaluations the trainer runs after epoch 1 + the
    /// memory trainings a long epoch would have run beyond the truncated one × their measured time) / steps.
    /// </summary>
    public double[] StepSeconds(double nominalTrainingsPerStep) => Repeats.Select(r =>
    {
        double missing = r.Steps * nominalTrainingsPerStep - r.MemoryTrainings;
        return (r.Seconds - EvalOverheadSeconds + missing * StepProfile.MemoryTrainingSeconds(Profile)) / r.Steps;
    }).ToArray();
}

/// <summary>What a full run of the shipped config would do: steps over all epochs and symbols evaluated.</summary>
public sealed record FullRunShape(int Epochs, long Steps, long StepsFirstEpoch, int Evaluations, long EvalSymbols);

/// <summary>Everything measured for one setting (one child process).</summary>
public sealed record SettingResult(
    string Name,
    string Label,
    string ConfigPath,
    int InputDim,
    int TargetDim,
    int MemoryDim,
    long ActionParameters,
    long MemoryParameters,
    int TrainSequences,
    int ValidationSequences,
    long ValidationSymbols,
    int RepeatSequences,
    double NominalTrainingsPerStep,
    FullRunShape FullRun,
    IReadOnlyList<LinearShape> Linears,
    IReadOnlyList<ProductUse> Products,
    IReadOnlyList<ThreadResult> Threads,
    long? PeakResidentBytes,
    double LoadSeconds)
{
    /// <summary>FLOPs of the products of one step.</summary>
    public double FlopsPerStep => Products.Sum(p => p.Flops * p.PerStep);
}

/// <summary>
/// The child process of the <c>steps</c> suite: measures one setting and writes a <see cref="SettingResult"/> as JSON, so
/// every setting's peak resident memory is its own.
/// </summary>
public static class StepChild
{
    /// <summary>JSON options shared by the child and the parent.</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, IncludeFields = false };

    /// <summary>Least time spent in warm-up epochs before the timed repeats.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>Most time spent in warm-up epochs.</summary>
    public static readonly TimeSpan WarmUpMax = TimeSpan.FromSeconds(30);

    /// <summary>Thread counts measured unless the parent names others.</summary>
    public static readonly int[] ThreadCounts = [1, 2];

    /// <summary>Measures <paramref name="s"/> at <paramref name="threadCounts"/> (default <see cref="ThreadCounts"/>); returns the exit code.</summary>
    public static int Run(StepSetting s, string repo, string dataDir, int repeats, string resultPath, IReadOnlyList<int>? threadCounts = null)
    {
        var load = Stopwatch.StartNew();
        var config = ConfigLoader.Load(Path.Combine(repo, s.ConfigPath)).Config;
        var data = Experiment.LoadData(config, dataDir, msg => Progress(s, msg));
        load.Stop();
        var fullRun = FullRunOf(config, data);
        bool oneHot = data.Train.Count > 0 && data.Train[0].InputIds is not null;

        // The trainer runs one epoch over the first training sequences of epoch 0; evaluation (which runs after the
        // first epoch whatever eval_interval says) sees one short validation sequence, timed and subtracted.
        var epochSet = data.TrainForEpoch(0);
        var subset = Subset(epochSet, s.StepsPerRepeat, config.BatchSize);
        Sequence[] tiny = [data.Validation.MinBy(q => q.Length) ?? throw new InvalidOperationException("no validation data")];
        var bench = new SequenceDataset(data.Name, data.InputDim, data.TargetSymbols, subset, tiny, null, data.InputSymbols,
            trainForEpoch: null, trainEvalForEpoch: (_, _) => tiny)
        {
            Scoring = data.Scoring,
            Length = data.Length,
            LearnedEmbeddingDim = data.LearnedEmbeddingDim,
        };
        config.Epochs = 1;
        config.EvalInterval = int.MaxValue;
        int reps = Math.Min(repeats, s.MaxRepeats);
        long validationSymbols = data.Validation.Sum(q => (long)q.Length);

        var run = new Measurement(s, config, data, bench, subset, tiny, oneHot, reps);
        var threads = new List<ThreadResult>();
        foreach (int t in threadCounts ?? ThreadCounts)
        {
            threads.Add(run.Measure(t));
            GC.Collect(); // the trainer of this thread count is gone
        }

        var result = new SettingResult(s.Name, s.Label, s.ConfigPath, data.InputDim, data.TargetDim, config.MemoryDim,
            run.ActionParameters, run.MemoryParameters, epochSet.Count, data.Validation.Count, validationSymbols, subset.Count,
            StepFlops.NominalTrainingsPerStep(config), fullRun, run.Linears!, run.Products!, threads, run.PeakResidentBytes,
            load.Elapsed.TotalSeconds);
        BenchReport.WriteAtomically(resultPath, JsonSerializer.Serialize(result, Json));
        return 0;
    }

    /// <summary>The action optimizer's step count the timed trainers start from.</summary>
    public const long LateOptimizerStep = 100_000;

    /// <summary>The measurements of one setting, one thread count at a time (each with a fresh trainer).</summary>
    private sealed class Measurement(StepSetting s, ExperimentConfig config, SequenceDataset data, SequenceDataset bench,
        IReadOnlyList<Sequence> subset, Sequence[] tiny, bool oneHot, int reps)
    {
        public IReadOnlyList<LinearShape>? Linears { get; private set; }
        public IReadOnlyList<ProductUse>? Products { get; private set; }
        public long? PeakResidentBytes { get; private set; }
        public long ActionParameters { get; private set; }
        public long MemoryParameters { get; private set; }
        public int WarmUpEpochs { get; private set; }

        public ThreadResult Measure(int t)
        {
            var compute = new Compute(t);
            compute.KeepCallingThreadOffHelpers(); // as the CLI's --threads does
            var trainer = new Trainer(config, bench, DiscardingSink.Instance, compute);
            // Timed as late in a run, where nearly all of a long run's steps are: Adam's bias correction has reached
            // 1 (after about 16,600 steps) and its division is skipped. Speed only; no figure here is an accuracy.
            trainer.ActionOptimizer.Steps = LateOptimizerStep;
            ActionParameters = trainer.Action.ParameterCount;
            MemoryParameters = trainer.Memory.ParameterCount;
            if (Linears is null)
            {
                var action = StepFlops.ActionLinears(trainer.Action, oneHot);
                var memory = StepFlops.MemoryLinears(trainer.Memory, oneHot);
                Linears = [.. action, .. memory];
                Products = StepFlops.Products(config, action, memory);
            }

            // Warm-up (JIT tiers, caches, the helper thread): whole epochs until a second has passed and the last two epochs
            // agree within 5% (tiered compilation runs instrumented code first, and its background compiles wait on a busy machine).
            var warm = Stopwatch.StartNew();
            double previous = double.MaxValue, last;
            int warmEpochs = 0;
            while (true)
            {
                long start = Stopwatch.GetTimestamp();
                trainer.Train();
                last = Stopwatch.GetElapsedTime(start).TotalSeconds;
                warmEpochs++;
                if (warm.Elapsed >= WarmUpMax || (warm.Elapsed >= WarmUp && Math.Abs(last - previous) <= 0.05 * Math.Min(last, previous))) break;
                previous = last;
            }
            WarmUpEpochs = warmEpochs;
            Progress(s, $"{t} thread(s): {warmEpochs} warm-up epochs of {subset.Count} sequences in {warm.Elapsed.TotalSeconds:F1} s (last {last:F3} s)");
            var trainRepeats = new List<TrainRepeat>();
            for (int r = 0; r < reps; r++)
            {
                long steps0 = trainer.Steps, mem0 = trainer.MemoryTrainings;
                long start = Stopwatch.GetTimestamp();
                trainer.Train();
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                var rep = new TrainRepeat(seconds, trainer.Steps - steps0, trainer.MemoryTrainings - mem0);
                trainRepeats.Add(rep);
                Progress(s, $"{t} thread(s): repeat {r + 1}/{reps}: {rep.Steps} steps, {rep.MemoryTrainings} memory trainings in {seconds:F3} s ({1e6 * seconds / rep.Steps:F1} us/step)");
            }
            double overhead = 2 * BenchTimer.MedianSeconds(() => trainer.Evaluator.Evaluate(tiny, data.Scoring), 11);

            Progress(s, $"{t} thread(s): evaluation over {data.Validation.Count} validation sequences");
            trainer.Evaluator.Evaluate(data.Validation, data.Scoring); // warm-up
            var evalSeconds = new List<double>();
            for (int r = 0; r < reps; r++)
            {
                long start = Stopwatch.GetTimestamp();
                trainer.Evaluator.Evaluate(data.Validation, data.Scoring);
                evalSeconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            if (t == 1) PeakResidentBytes = ProcessMemory.PeakResidentBytes(); // one trainer, its data, training and evaluation

            if (t > 1) Progress(s, $"{t} thread(s): helpers set aside for running late {MannRl.Engine.Parallel.WorkerPool.FallBacks} time(s) so far in this process");
            Progress(s, $"{t} thread(s): step profile and product replay");
            var profile = StepProfile.Measure(trainer, config, Math.Min(s.ProfileRepeats, StepProfile.MaxPasses));
            double productSeconds = ProductReplay(Products!, s.ProfileRepeats, compute);
            return new ThreadResult(t, WarmUpEpochs, trainRepeats, overhead, evalSeconds, profile.Parts, profile.ChainedSecondsPerStep, productSeconds);
        }
    }

    /// <summary>
    /// Seconds per step spent in the step's matrix products, each product shape timed alone with <see cref="Gemm"/>
    /// (operands in cache as far as they fit) and weighted by its calls per step.
    /// </summary>
    private static double ProductReplay(IReadOnlyList<ProductUse> products, int repeats, Compute compute)
    {
        var rng = new Random(42);
        double total = 0;
        foreach (var group in products.GroupBy(p => (p.M, p.N, p.K, p.TransA, Accumulate: p.Kind != "dX", Small: InPlaceForward(p))))
        {
            var (m, n, k, transA, accumulate, small) = group.Key;
            float[] a = Fill(rng, m * k), b = Fill(rng, k * n), c = new float[m * n];
            int lda = transA ? m : k;
            Action product = () => Gemm.Multiply(compute, m, n, k, a, lda, transA, b, n, c, n, accumulate);
            if (small)
            {
                // As Linear runs it: W (n x k) read in place, no transposed copy.
                Matrix x = Matrix.FromArray(m, k, a), y = new(m, n);
                var bias = new float[n];
                var scratch = new float[SmallBatchForward.ScratchLength(k, n)];
                product = () => SmallBatchForward.Run(compute, x, b, bias, y, scratch);
            }
            double seconds = BenchTimer.MedianSeconds(product, repeats);
            total += seconds * group.Sum(p => p.PerStep);
        }
        return total;
    }

    /// <summary>Whether Linear computes this forward with <see cref="SmallBatchForward"/>: a batch of at most 16 rows whose
    /// weight changed since the last product (the action net's, every step) or is small.</summary>
    private static bool InPlaceForward(ProductUse p) =>
        p.Kind == "forward" && p.M <= SmallBatchForward.MaxRows && SmallBatchForward.Available
        && (p.Phase == "action step" || p.N * p.K <= SmallBatchForward.AlwaysBelow);

    private static float[] Fill(Random rng, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(rng.NextDouble() - 0.5);
        return values;
    }

    /// <summary>The first sequences holding about <paramref name="steps"/> · batch symbols (all when null).</summary>
    private static IReadOnlyList<Sequence> Subset(IReadOnlyList<Sequence> sequences, int? steps, int batch)
    {
        if (steps is not int target) return sequences;
        long want = (long)target * batch, have = 0;
        var subset = new List<Sequence>();
        foreach (var q in sequences)
        {
            if (have >= want) break;
            subset.Add(q);
            have += q.Length;
        }
        return subset;
    }

    /// <summary>Steps and evaluated symbols of a full run of <paramref name="c"/> (before the benchmark changes it).</summary>
    private static FullRunShape FullRunOf(ExperimentConfig c, SequenceDataset data)
    {
        var stepsBySize = new Dictionary<int, long>();
        long steps = 0, first = 0, evalSymbols = 0;
        int evaluations = 0;
        long validationSymbols = data.Validation.Sum(q => (long)q.Length);
        for (int epoch = 0; epoch < c.Epochs; epoch++)
        {
            var set = data.TrainForEpoch(epoch);
            if (!stepsBySize.TryGetValue(set.Count, out long n)) stepsBySize[set.Count] = n = CountSteps(set, c.BatchSize);
            steps += n;
            if (epoch == 0) first = n;
            if (epoch % c.EvalInterval != 0) continue;
            evaluations++;
            evalSymbols += data.TrainEvalForEpoch(epoch, c.TrainEvalTruncateSize).Sum(q => (long)q.Length) + validationSymbols;
        }
        return new FullRunShape(c.Epochs, steps, first, evaluations, evalSymbols);
    }

    /// <summary>Steps the trainer's batcher takes over <paramref name="sequences"/> (in file order; shuffling moves the
    /// tail by a step or two).</summary>
    private static long CountSteps(IReadOnlyList<Sequence> sequences, int batch)
    {
        var batcher = new StreamingBatcher(batch, minSlots: 2);
        batcher.Restart(sequences, shuffle: null);
        long steps = 0;
        while (batcher.Next()) steps++;
        return steps;
    }

    private static void Progress(StepSetting s, string message) => Console.Error.WriteLine($"  [{s.Name}] {message}");
}
