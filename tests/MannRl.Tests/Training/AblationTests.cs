using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Evaluation;
using MannRl.Training;

namespace MannRl.Tests.Training;

/// <summary>The ablations of MANN-RL: <c>model: no-memory</c> and <c>model: frozen-memory</c>.</summary>
public class AblationTests
{
    private static (Trainer Trainer, RecordingSink Sink) Run(ExperimentConfig c, SequenceDataset data)
    {
        c.Validate();
        c.ValidateAgainstData(data.InputDim, data.TargetDim);
        var sink = new RecordingSink();
        var trainer = (Trainer)TrainerFactory.Create(c, data, sink, Compute.SingleThread);
        trainer.Train();
        return (trainer, sink);
    }

    private static string Csv(RecordingSink sink) =>
        string.Join("\n", sink.Rows.Select(r => r.ToCsv()[..r.ToCsv().LastIndexOf(',')])); // without elapsed seconds

    [Fact]
    public void NoMemoryWritesMetricsAndNeverConsultsTheMemoryNet()
    {
        // Two different memory-nets: with the memory input fixed at zero the runs cannot differ.
        var data = TrainerTests.SmallLogic(300, 60);
        var c = TrainerTests.LogicConfig(epochs: 2, evalInterval: 1) with { Model = "no-memory" };
        var (trainer, sink) = Run(c, data);
        var other = Run(c with { MemModel = "embmnnNA", MemEmbeddingDim = 7 }, data).Sink;
        Assert.Equal(Csv(sink), Csv(other));
        Assert.Equal(4, sink.Rows.Count);
        Assert.All(sink.Rows, r => Assert.Null(r.MemoryLoss));
        Assert.Equal(0, trainer.MemoryTrainings);
        Assert.Contains("Model 'memory' is not used (model no-memory): the action net's memory input stays zero", sink.Lines);
        // and it is a different run from MANN-RL's
        Assert.NotEqual(Csv(sink), Csv(Run(c with { Model = "mann-rl" }, data).Sink));
    }

    [Fact]
    public void FrozenMemoryWritesMemoriesButNeverTrainsTheMemoryNet()
    {
        var data = TrainerTests.SmallLogic(300, 60);
        var c = TrainerTests.LogicConfig(epochs: 2, evalInterval: 1) with { Model = "frozen-memory" };
        var untouched = new Trainer(c, data, new RecordingSink(), Compute.SingleThread);
        var (trainer, sink) = Run(c, data);
        Assert.Equal(0, trainer.MemoryTrainings);
        Assert.All(sink.Rows, r => Assert.Null(r.MemoryLoss));
        var before = untouched.Memory.Tensors.All().ToList();
        var after = trainer.Memory.Tensors.All().ToList();
        for (int i = 0; i < before.Count; i++)
            Assert.Equal(before[i].Data.AsSpan(0, before[i].Length).ToArray(), after[i].Data.AsSpan(0, after[i].Length).ToArray());
        // The random memories reach the action net: not the no-memory run.
        Assert.NotEqual(Csv(sink), Csv(Run(c with { Model = "no-memory" }, data).Sink));
        Assert.Contains(sink.Lines, l => l.Contains("frozen at their initialisation", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDefaultModelIsMannRlAndTrainsTheMemoryNet()
    {
        var c = TrainerTests.LogicConfig(epochs: 1, evalInterval: 1);
        Assert.Equal(LearnerKind.MannRl, c.ModelKind);
        var (trainer, sink) = Run(c, TrainerTests.SmallLogic(300, 60));
        Assert.True(trainer.MemoryTrainings > 0);
        Assert.All(sink.Rows, r => Assert.NotNull(r.MemoryLoss));
    }

    [Fact]
    public void ANoMemoryEvaluatorKeepsTheMemoryAtZero()
    {
        // Evaluating without a memory-net equals evaluating with one that always writes zeros: the action net's own.
        var data = TrainerTests.SmallLogic(100, 40);
        var c = TrainerTests.LogicConfig(epochs: 1, evalInterval: 1) with { Model = "no-memory" };
        var (trainer, _) = Run(c, data);
        foreach (var p in trainer.Memory.Parameters) p.Values.Clear();
        trainer.Memory.Tensors.MarkAllChanged();
        // A zero memory-net ends in BatchNorm (eval: running stats) and Sigmoid, so it writes 0.5, not 0: the results
        // must differ from the null evaluator's, which keeps zeros.
        var zeroMemory = new Evaluator(trainer.Action, null, 16, Compute.SingleThread).Evaluate(data.Validation, data.Scoring);
        var halfMemory = new Evaluator(trainer.Action, trainer.Memory, 16, Compute.SingleThread).Evaluate(data.Validation, data.Scoring);
        string Counts(EvaluationResult r) => r.Counts.ToCsv(data.TargetSymbols);
        Assert.Equal(Counts(trainer.Evaluator.Evaluate(data.Validation, data.Scoring)), Counts(zeroMemory));
        Assert.NotEqual(Counts(zeroMemory), Counts(halfMemory));
    }
}
