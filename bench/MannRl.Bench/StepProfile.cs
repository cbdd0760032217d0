using System.Diagnostics;
using MannRl.Config;
using MannRl.Training;

namespace MannRl.Bench;

/// <summary>One part of the training step: median seconds per call and calls per step.</summary>
public sealed record StepPart(string Name, double SecondsPerCall, double CallsPerStep)
{
    /// <summary>Seconds this part adds to one step on average.</summary>
    public double SecondsPerStep => SecondsPerCall * CallsPerStep;
}

/// <summary>The step's stages as the trainer ran them, and the seconds per step of the profiled passes as a whole.</summary>
public sealed record StepProfileResult(double ChainedSecondsPerStep, IReadOnlyList<StepPart> Parts);

/// <summary>
/// Times the stages of the trainer's real step through its public step API (<see cref="Trainer.BeginEpoch"/> and what
/// follows it): one pass over the training set per repeat, each stage timed where the trainer runs it, so the parts see
/// the caches the step leaves them. Stages: the batcher's move, the action net's step (forward, loss, backward,
/// clipping, optimizer), the memory training (amortised over a long epoch's steps), the next-memory forward with the
/// history push. What the measured step costs beyond their sum is the trainer's loop and the epoch's set-up.
/// </summary>
public static class StepProfile
{
    /// <summary>Stage names, in step order.</summary>
    public static readonly string[] Stages =
    [
        "batcher: next batch",
        "action step: forward, loss, backward, clipping, optimizer",
        "memory training (mem_num_samples x batch rows)",
        "next-memory forward and history push",
    ];

    /// <summary>Most profiled passes (each is a whole timed epoch of the truncated training set).</summary>
    public const int MaxPasses = 5;

    /// <summary>Profiles <paramref name="repeats"/> passes of <paramref name="trainer"/>; reports the median pass per stage.</summary>
    public static StepProfileResult Measure(Trainer trainer, ExperimentConfig c, int repeats)
    {
        var perCall = new List<double[]>();
        var passSeconds = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var (calls, pass) = Pass(trainer, c);
            perCall.Add(calls);
            passSeconds.Add(pass);
        }
        double Median(IEnumerable<double> v)
        {
            var a = v.Order().ToArray();
            return a[a.Length / 2];
        }
        double trainings = StepFlops.NominalTrainingsPerStep(c);
        var parts = Stages.Select((name, i) => new StepPart(name, Median(perCall.Select(p => p[i])), i == 2 ? trainings : 1)).ToArray();
        return new StepProfileResult(Median(passSeconds), parts);
    }

    /// <summary>Seconds of one memory training in <paramref name="parts"/>.</summary>
    public static double MemoryTrainingSeconds(IReadOnlyList<StepPart> parts) => parts[2].SecondsPerCall;

    /// <summary>One pass: seconds per call of each stage, and the pass's seconds per step with a long epoch's trainings.</summary>
    private static (double[] PerCall, double PassPerStep) Pass(Trainer trainer, ExperimentConfig c)
    {
        var total = new long[Stages.Length];
        long steps = 0, trainings = 0;
        long start = Stopwatch.GetTimestamp();
        trainer.BeginEpoch(0);
        while (true)
        {
            long t0 = Stopwatch.GetTimestamp();
            if (!trainer.NextBatch()) break;
            long t1 = Stopwatch.GetTimestamp();
            trainer.TrainActionStep();
            long t2 = Stopwatch.GetTimestamp();
            if (trainer.MemoryTrainingDue)
            {
                for (int k = 0; k < c.MemTrainIterations; k++) trainer.TrainMemory();
                trainings += c.MemTrainIterations;
            }
            long t3 = Stopwatch.GetTimestamp();
            trainer.WriteNextMemory();
            long t4 = Stopwatch.GetTimestamp();
            total[0] += t1 - t0;
            total[1] += t2 - t1;
            total[2] += t3 - t2;
            total[3] += t4 - t3;
            steps++;
        }
        double s = Stopwatch.Frequency;
        var perCall = new double[Stages.Length];
        for (int i = 0; i < perCall.Length; i++) perCall[i] = total[i] / s / (i == 2 ? Math.Max(1, trainings) : steps);
        // A truncated pass runs fewer trainings than a long epoch: add the missing ones at their measured time.
        double missing = steps * StepFlops.NominalTrainingsPerStep(c) - trainings;
        double pass = (Stopwatch.GetElapsedTime(start).TotalSeconds + missing * perCall[2]) / steps;
        return (perCall, pass);
    }
}
