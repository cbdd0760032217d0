using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Training;

namespace MannRl.Bench;

/// <summary>One part of the training step: median seconds per call and calls per step.</summary>
public sealed record StepPart(string Name, double SecondsPerCall, double CallsPerStep)
{
    /// <summary>Seconds this part adds to one step on average.</summary>
    public double SecondsPerStep => SecondsPerCall * CallsPerStep;
}

/// <summary>The step's parts timed alone, and the seconds per step of the same parts chained as the trainer chains them.</summary>
public sealed record StepProfileResult(double ChainedSecondsPerStep, IReadOnlyList<StepPart> Parts);

/// <summary>
/// Times the parts of the trainer's step one by one on the trainer's own networks and optimizers (the trainer keeps its
/// step private, so this mirrors <see cref="Trainer"/>'s three stages with the same public calls): action forward, loss,
/// backward, clipping, optimizer (the forward split into the refresh of each Linear's transposed weight copy, which
/// every optimizer step makes stale, and the rest); the memory training (replay gather + <see cref="MemoryLearner.Update"/>, amortised);
/// the next-memory forward. Inputs are a real batch of the task; memories are uniform in [0, 1] (what the Sigmoid
/// writes); actions and losses are plausible values. Whatever the measured step costs beyond these parts is the
/// trainer's glue: batcher, history copies, gathers, finite checks.
/// </summary>
public static class StepProfile
{
    /// <summary>Times every part with <paramref name="repeats"/> timed repeats each.</summary>
    public static StepProfileResult Measure(Trainer trainer, ExperimentConfig c, IReadOnlyList<Sequence> sequences, int repeats)
    {
        var action = trainer.Action;
        var memory = trainer.Memory;
        int b = c.BatchSize, inW = action.ExternalInputDim, mDim = action.MemoryDim, tDim = action.TargetDim;
        var rng = new Random(20261129);

        // A full batch of real inputs and targets.
        var batcher = new StreamingBatcher(b, minSlots: 2);
        batcher.Restart(sequences, shuffle: null);
        if (!batcher.Next()) throw new InvalidOperationException("step profile: no batch in the training set");
        var x = new Matrix(b, inW);
        var targets = new int[b];
        var present = batcher.Present;
        for (int r = 0; r < b; r++)
        {
            int slot = present[r % present.Length];
            batcher.WriteInput(slot, x.Row(r));
            targets[r] = batcher.TargetOf(slot);
        }
        var m = Uniform(rng, b, mDim);

        // Stage 1: the action net learns on the batch.
        var actx = action.CreateContext(b);
        var lossGrad = new Matrix(b, tDim);
        var rowLosses = new float[b];
        bool onLogits = c.ActionLossOn == "logits";
        action.Forward(x, m, actx, training: true);
        double forward = BenchTimer.MedianSeconds(() => action.Forward(x, m, actx, training: true), repeats);
        // In the trainer every forward follows an optimizer step, so each Linear first rebuilds its transposed weight copy.
        double forwardChanged = BenchTimer.MedianSeconds(() =>
        {
            foreach (var p in action.Parameters) p.MarkChanged();
            action.Forward(x, m, actx, training: true);
        }, repeats);
        double loss = BenchTimer.MedianSeconds(() => Loss.CrossEntropy(onLogits ? actx.Logits : actx.Probabilities, targets, rowLosses, lossGrad), repeats);
        double backward = BenchTimer.MedianSeconds(() =>
        {
            trainer.ActionOptimizer.ZeroGrad();
            action.Backward(lossGrad, actx, gradientIsForLogits: onLogits);
        }, repeats);
        double clip = c.ActionClipping is double maxNorm
            ? BenchTimer.MedianSeconds(() => GradClip.ClipGradNorm(action.Parameters, (float)maxNorm), repeats)
            : 0;
        double step = BenchTimer.MedianSeconds(() => trainer.ActionOptimizer.Step(), repeats);

        // Stage 2: the memory training on mem_num_samples replayed steps, from a filled history.
        var history = new ReplayHistory(c.History, b, inW, mDim, tDim);
        var probs = actx.Probabilities;
        for (int age = 0; age < c.History; age++)
        {
            if (age > 0) history.Push();
            for (int slot = 0; slot < b; slot++)
            {
                x.Row(slot).CopyTo(history.Input(0, slot));
                history.SetPresent(slot, targets[slot]);
                for (int j = 0; j < mDim; j++) history.Memory(0, slot)[j] = (float)rng.NextDouble();
                probs.Row(slot).CopyTo(history.Action(0, slot));
                history.Loss(0, slot) = rowLosses[slot];
            }
        }
        var ages = new int[c.MemNumSamples];
        new Rng(c.Seed).SampleDistinct(1, history.Filled - 1, ages);
        var transitions = new Transitions(c.MemNumSamples * b, inW, mDim, tDim);
        double gather = BenchTimer.MedianSeconds(() => history.GatherTransitions(ages, c.MemTrainWithTargets, transitions), repeats);
        var learner = new MemoryLearner(memory, trainer.MemoryOptimizer, c.MemNumSamples * b, new MemoryLearnerSettings(
            c.MemGamma, c.MemL1, c.MemDampenLosses, c.MemClamp, c.MemClipping, c.MemTarget == "detached"));
        var nextLoss = transitions.NextLoss.ToArray(); // Update shapes the losses in place: restore them every call
        double update = BenchTimer.MedianSeconds(() =>
        {
            nextLoss.CopyTo(transitions.NextLoss, 0);
            learner.Update(transitions);
        }, repeats);

        // Stage 3: the memory-net (eval mode) writes the next memory.
        var nctx = memory.CreateContext(b);
        // (The memory-net's weights change once per training; the update's timing includes that one refresh.)
        double next = BenchTimer.MedianSeconds(() => memory.Forward(x, probs, m, nctx, training: false), repeats);

        // The same parts one step after another, as the trainer chains them: settle+history steps with the memory training(s)
        // in the last one. Compared with the parts timed alone this shows what running them back to back costs (caches);
        // compared with the trainer's step it leaves the trainer's own glue.
        int period = c.Settle + c.History;
        double sequence = BenchTimer.MedianSeconds(() =>
        {
            for (int k = 0; k < period; k++)
            {
                action.Forward(x, m, actx, training: true);
                Loss.CrossEntropy(onLogits ? actx.Logits : actx.Probabilities, targets, rowLosses, lossGrad);
                trainer.ActionOptimizer.ZeroGrad();
                action.Backward(lossGrad, actx, gradientIsForLogits: onLogits);
                if (c.ActionClipping is double clipNorm) GradClip.ClipGradNorm(action.Parameters, (float)clipNorm);
                trainer.ActionOptimizer.Step();
                if (k == period - 1)
                {
                    for (int i = 0; i < c.MemTrainIterations; i++)
                    {
                        history.GatherTransitions(ages, c.MemTrainWithTargets, transitions);
                        learner.Update(transitions);
                    }
                }
                memory.Forward(x, probs, m, nctx, training: false);
            }
        }, repeats) / period;

        double trainings = StepFlops.NominalTrainingsPerStep(c);
        return new StepProfileResult(sequence,
        [
            new("action forward: transposed-weight refresh after the optimizer step", Math.Max(0, forwardChanged - forward), 1),
            new("action forward: the rest", forward, 1),
            new("action loss", loss, 1),
            new("action backward (with zero grad)", backward, 1),
            new("action gradient clipping", clip, 1),
            new("action optimizer step", step, 1),
            new("memory training: replay gather", gather, trainings),
            new("memory training: update (mem_num_samples x batch rows)", update, trainings),
            new("next-memory forward", next, 1),
        ]);
    }

    /// <summary>Seconds of one memory training (gather + update) in <paramref name="parts"/>.</summary>
    public static double MemoryTrainingSeconds(IReadOnlyList<StepPart> parts) =>
        parts.Where(p => p.Name.StartsWith("memory training", StringComparison.Ordinal)).Sum(p => p.SecondsPerCall);

    private static Matrix Uniform(Random rng, int rows, int cols)
    {
        var mat = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++)
        {
            var row = mat.Row(r);
            for (int j = 0; j < cols; j++) row[j] = (float)rng.NextDouble();
        }
        return mat;
    }
}
