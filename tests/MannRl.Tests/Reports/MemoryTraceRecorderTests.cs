using MannRl.Engine;
using MannRl.Evaluation;
using MannRl.Reports.Memory;
using MannRl.Tests.Training;
using MannRl.Training;

namespace MannRl.Tests.Reports;

public sealed class MemoryTraceRecorderTests
{
    [Fact]
    public void TracesWhatTheEvaluationSawWithoutChangingIt()
    {
        var data = TrainerTests.SmallLogic(120, 40);
        var c = TrainerTests.LogicConfig(epochs: 1, evalInterval: 1);
        c.Validate();
        var trainer = new Trainer(c, data, new RecordingSink(), Compute.SingleThread);
        trainer.Train();
        var evaluator = new Evaluator(trainer.Action, trainer.Memory, batchSize: 16, Compute.SingleThread);
        var predictions = data.Validation.Select(s => new int[s.Length]).ToArray();
        var plain = evaluator.Evaluate(data.Validation, data.Scoring);
        var recorder = new MemoryTraceRecorder(data, "validation", c.MemoryDim, [0, 5, 39]);
        var observed = evaluator.Evaluate(data.Validation, data.Scoring, (q, t, _, p) => predictions[q][t] = p, recorder);
        Assert.Equal(plain.Counts.ToCsv(), observed.Counts.ToCsv());
        Assert.Equal(plain.AnswerAccuracy, observed.AnswerAccuracy);
        Assert.Equal(data.Validation.Sum(s => (long)s.Length), evaluator.SymbolsDone);
        Assert.Equal(evaluator.SymbolsTotal, evaluator.SymbolsDone);

        foreach (int k in new[] { 0, 5, 39 })
        {
            var trace = recorder.Trace(k);
            Assert.Equal(data.Validation[k].Length, trace.Steps);
            Assert.Equal((trace.Steps * c.MemoryDim, trace.Steps * data.TargetDim), (trace.Memory.Length, trace.Probabilities.Length));
            Assert.Equal(predictions[k], trace.Predictions);
            Assert.Equal(data.Validation[k].Targets, trace.Targets);
            for (int t = 0; t < trace.Steps; t++)
            {
                var row = trace.Probabilities.AsSpan(t * trace.Classes, trace.Classes);
                Assert.Equal(trace.Predictions[t], Evaluator.ArgMax(row));
                Assert.InRange(System.Numerics.Tensors.TensorPrimitives.Sum<float>(row), 0.999f, 1.001f);
            }
            Assert.All(trace.Memory, v => Assert.InRange(v, 0f, 1f)); // the memory-net ends in a Sigmoid
        }

        // Sequence 0 starts from a zero memory in slot 0, as it does alone in a batch of one: the same memories.
        var alone = new MemoryTraceRecorder(data, "validation", c.MemoryDim, [0]);
        new Evaluator(trainer.Action, trainer.Memory, batchSize: 1, Compute.SingleThread).Evaluate([data.Validation[0]], data.Scoring, observer: alone);
        Assert.Equal(alone.Trace(0).Memory, recorder.Trace(0).Memory);
    }

    [Fact]
    public void RefusesASequenceOutsideTheSplit()
    {
        var data = TrainerTests.SmallLogic(20, 10);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryTraceRecorder(data, "validation", 8, [10]));
        Assert.Contains("sequence 10 is not in validation (0..9)", e.Message);
    }
}
