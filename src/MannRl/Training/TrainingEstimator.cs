using System.Diagnostics;
using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Evaluation;

namespace MannRl.Training;

/// <summary>
/// Estimates a run's time without training it (<c>mannrl validate</c>, <c>train --dry-run</c>): builds the trainer of
/// the config as a run would (its sink keeps nothing), runs warm-up steps, then times whole cycles of real training
/// steps (a MANN-RL cycle is <c>settle + history</c> steps, so memory-net trainings count at their real rate) and a
/// few evaluation batches, and scales them by the symbols of each epoch and evaluation. The trained weights are
/// thrown away.
/// </summary>
public static class TrainingEstimator
{
    /// <summary>The least time spent on timed steps, so that one slow or fast step does not decide the figure.</summary>
    public static readonly TimeSpan MinimumTiming = TimeSpan.FromSeconds(0.5);

    /// <summary>Builds the nets of <paramref name="config"/> on <paramref name="data"/> (dims checked) and times them.</summary>
    /// <param name="config">The effective, validated config.</param>
    /// <param name="data">Its data, as <see cref="Experiment.LoadData"/> returns it.</param>
    /// <param name="compute">The threads the run would use.</param>
    /// <param name="budget">Timing stops after the first whole cycle past this (the warm-up comes on top).</param>
    public static TrainingEstimate Measure(ExperimentConfig config, SequenceDataset data, Compute compute, TimeSpan budget)
    {
        var trainer = TrainerFactory.Create(config, data, DiscardingSink.Instance, compute);
        IReadOnlyList<NetworkSize> networks;
        Func<bool> next;
        Action step;
        Func<IReadOnlyList<Sequence>, EvaluationResult> evaluate;
        int cycle = 1;
        switch (trainer)
        {
            case Trainer t:
                networks = MannNetworks(t, config);
                next = t.NextBatch;
                step = () => MannStep(t, config);
                evaluate = s => t.Evaluator.Evaluate(s, data.Scoring);
                if (config.ModelKind == LearnerKind.MannRl) cycle = config.Settle + config.History;
                break;
            case LstmTrainer l:
                networks = [new NetworkSize("lstm", l.Net.ParameterCount)];
                next = l.NextBatch;
                step = () => l.TrainBatch();
                evaluate = s => l.Evaluator.Evaluate(s, data.Scoring);
                break;
            default:
                throw new InvalidOperationException($"no estimate for {trainer.GetType().Name}");
        }

        long steps = CountSteps(trainer, next);
        Restart(trainer);
        bool Advance()
        {
            if (next()) return true;
            Restart(trainer);
            return next();
        }
        for (int i = 0; i < cycle && Advance(); i++) step(); // warm-up: compiles the code and fills the history
        int timed = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            int done = 0;
            for (; done < cycle && Advance(); done++) step();
            timed += done;
            if (done < cycle) break; // an epoch without steps
        }
        while (clock.Elapsed < MinimumTiming || (clock.Elapsed < budget && timed < 4 * cycle));
        double perStep = timed > 0 ? clock.Elapsed.TotalSeconds / timed : 0;

        var epochSymbols = Enumerable.Range(0, config.Epochs).Select(e => Symbols(data.TrainForEpoch(e))).ToArray();
        double perSymbolOfFirst = epochSymbols[0] > 0 ? perStep * steps / epochSymbols[0] : 0;
        var epochSeconds = epochSymbols.Select(s => s * perSymbolOfFirst).ToArray();
        int evaluations = (config.Epochs + config.EvalInterval - 1) / config.EvalInterval;
        double evaluation = EvaluationSeconds(config, data, evaluate);
        return new TrainingEstimate(networks, steps, timed, perStep, evaluation, epochSeconds, evaluations);
    }

    private static List<NetworkSize> MannNetworks(Trainer t, ExperimentConfig config) => config.ModelKind switch
    {
        LearnerKind.NoMemory => [new("action", t.Action.ParameterCount), new("memory", 0, "unused: model no-memory")],
        LearnerKind.FrozenMemory => [new("action", t.Action.ParameterCount), new("memory", t.Memory.ParameterCount, "frozen at its initialisation: model frozen-memory")],
        _ => [new("action", t.Action.ParameterCount), new("memory", t.Memory.ParameterCount)],
    };

    /// <summary>One training step as <see cref="Trainer.Train"/> runs it.</summary>
    private static void MannStep(Trainer t, ExperimentConfig config)
    {
        t.TrainActionStep();
        if (t.MemoryTrainingDue)
            for (int k = 0; k < config.MemTrainIterations; k++) t.TrainMemory();
        t.WriteNextMemory();
    }

    private static long CountSteps(ITrainer trainer, Func<bool> next)
    {
        Restart(trainer);
        long steps = 0;
        while (next()) steps++;
        return steps;
    }

    private static void Restart(ITrainer trainer)
    {
        if (trainer is Trainer t) t.BeginEpoch(0);
        else if (trainer is LstmTrainer l) l.BeginEpoch(0);
    }

    /// <summary>One evaluation of the training data and the validation split, scaled from timed batches of validation sequences.</summary>
    private static double EvaluationSeconds(ExperimentConfig config, SequenceDataset data, Func<IReadOnlyList<Sequence>, EvaluationResult> evaluate)
    {
        var pool = data.Validation.Count > 0 ? data.Validation : data.Train;
        if (pool.Count == 0) return 0;
        evaluate(pool.Take(Math.Min(2, pool.Count)).ToArray()); // warm-up
        var sample = pool.Take(Math.Min(pool.Count, Math.Max(config.EvalBatchSize, 1))).ToArray();
        // The fastest of three: one evaluation batch is short enough for a moment of load elsewhere to double it.
        double fastest = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            evaluate(sample);
            fastest = Math.Min(fastest, clock.Elapsed.TotalSeconds);
        }
        double perSymbol = fastest / Math.Max(1, Symbols(sample));
        long symbols = Symbols(data.TrainEvalForEpoch(0, config.TrainEvalTruncateSize)) + Symbols(data.Validation);
        return perSymbol * symbols;
    }

    private static long Symbols(IReadOnlyList<Sequence> sequences)
    {
        long n = 0;
        for (int i = 0; i < sequences.Count; i++) n += sequences[i].Length;
        return n;
    }
}
