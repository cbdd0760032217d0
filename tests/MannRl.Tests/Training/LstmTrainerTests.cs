using MannRl.Checkpoints;
using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Evaluation;
using MannRl.Models;
using MannRl.Runs;
using MannRl.Training;

namespace MannRl.Tests.Training;

public class LstmTrainerTests
{
    /// <summary>configs/logic/logic_lstm.yaml with a smaller net, a faster rate and its own epochs.</summary>
    internal static ExperimentConfig LstmLogicConfig(int epochs)
    {
        var c = ConfigLoader.BuiltIn("logic/logic_lstm").Config;
        c.Epochs = epochs;
        c.LstmHiddenDim = 32;
        c.ActionLearningRate = 0.003;
        return c;
    }

    private static (LstmTrainer Trainer, RecordingSink Sink) Run(ExperimentConfig c, SequenceDataset data)
    {
        c.Validate();
        c.ValidateAgainstData(data.InputDim, data.TargetDim);
        var sink = new RecordingSink();
        var trainer = (LstmTrainer)TrainerFactory.Create(c, data, sink, Compute.SingleThread);
        trainer.Train();
        return (trainer, sink);
    }

    [Fact]
    public void ATinyLogicRunLearnsTheAnswersAndWritesMetrics()
    {
        // 2,000 sequences, 8 epochs of batches of 16 whole sequences: seconds. Chance answer accuracy is about 0.5.
        var (_, sink) = Run(LstmLogicConfig(epochs: 8), TrainerTests.SmallLogic(2000, 200));
        Assert.Equal(16, sink.Rows.Count);
        var validation = sink.Rows[^1];
        Assert.Equal("validation", validation.Split);
        Assert.True(validation.AnswerAccuracy > 0.9, $"answer accuracy {validation.AnswerAccuracy}");
        Assert.True(validation.Metrics.WeightedF1 > 0.9, $"weighted F1 {validation.Metrics.WeightedF1}");
        Assert.All(sink.Rows, r => Assert.Null(r.MemoryLoss));
        Assert.Contains(sink.Lines, l => l.StartsWith("Model 'lstm' has 6123 parameters", StringComparison.Ordinal)); // 4·32·(11+32+2) + 32·11+11
        Assert.NotEmpty(sink.Saves);
    }

    [Fact]
    public void SameSeedGivesIdenticalMetricsAndTruncationChangesThem()
    {
        var data = TrainerTests.SmallLogic(300, 60);
        string Csv(int truncate)
        {
            var c = LstmLogicConfig(epochs: 2);
            c.LstmBpttTruncate = truncate;
            return string.Join("\n", Run(c, data).Sink.Rows.Select(r => r.ToCsv()[..r.ToCsv().LastIndexOf(',')]));
        }
        string whole = Csv(0);
        Assert.Equal(whole, Csv(0));
        Assert.NotEqual(whole, Csv(3));
    }

    [Fact]
    public void BatchesFollowTheMannRlShuffleAndPackLongestFirst()
    {
        // The same seed's forks give the LSTM the epoch order the MANN-RL trainer streams.
        var data = TrainerTests.SmallLogic(50, 10);
        var c = LstmLogicConfig(epochs: 1);
        var batcher = new SequenceBatcher(16, SequenceBatcher.LongestOf(data.Train), data.InputDim);
        var rng = new Rng(c.Seed);
        _ = rng.Fork("action-init");
        _ = rng.Fork("memory-init");
        var streaming = new StreamingBatcher(16, 2);
        var streamingRng = new Rng(c.Seed);
        _ = streamingRng.Fork("action-init");
        _ = streamingRng.Fork("memory-init");
        batcher.Restart(data.Train, rng.Fork("shuffle"));
        streaming.Restart(data.Train, streamingRng.Fork("shuffle"));
        Assert.True(streaming.Next());
        Assert.True(batcher.Next());
        var first = Enumerable.Range(0, batcher.Batch.Sequences).Select(batcher.SequenceOf).Order();
        Assert.Equal(streaming.Present.ToArray().Select(streaming.SequenceOf).Order(), first);
        var lengths = batcher.Batch.Lengths.ToArray();
        Assert.Equal(lengths.OrderDescending(), lengths);
        // Packed rows hold each sequence's own symbols and targets.
        int s = batcher.Batch.Sequences - 1, seq = batcher.SequenceOf(s);
        for (int t = 0; t < lengths[s]; t++)
        {
            int row = batcher.Batch.Row(t, s);
            Assert.Equal(data.Train[seq].Targets[t], batcher.Targets[row]);
            Assert.Equal(1f, batcher.Inputs[row, data.Train[seq].InputIds![t]]);
        }
        int batches = 1;
        while (batcher.Next()) batches++;
        Assert.Equal(4, batches); // 50 sequences: 16 + 16 + 16 + 2
    }

    [Fact]
    public void ACheckpointReloadsToTheSameEvaluation()
    {
        var dir = Directory.CreateTempSubdirectory("mannrl-lstm-").FullName;
        try
        {
            var data = TrainerTests.SmallLogic(200, 40);
            var c = LstmLogicConfig(epochs: 2);
            c.SavePoint = 1; // a checkpoint every epoch: the latest is the trainer's end state
            c.Validate();
            c.ValidateAgainstData(data.InputDim, data.TargetDim);
            using var run = RunDirectory.Create(Path.Combine(dir, "run"), ConfigWriter.ToYaml(c), dataDir: dir);
            var trainer = new LstmTrainer(c, data, run, Compute.SingleThread);
            trainer.Train();
            string name = File.ReadAllText(Path.Combine(run.CheckpointDirectory, "latest")).Trim();
            Assert.True(File.Exists(Path.Combine(run.CheckpointDirectory, $"{name}.action.safetensors")));
            Assert.False(File.Exists(Path.Combine(run.CheckpointDirectory, $"{name}.memory.safetensors")));

            var reopened = new LstmNet(data.InputDim, c.LstmHiddenDim, c.LstmLayers, data.TargetDim, new Rng(99));
            var optimizer = new Adam(reopened.Parameters, 0.5f);
            Checkpoint.Load(run.CheckpointDirectory, name, [new CheckpointPart("action", reopened.Tensors, optimizer)]);
            Assert.Equal(trainer.Optimizer.Steps, optimizer.Steps);
            var expected = trainer.Evaluator.Evaluate(data.Validation, data.Scoring);
            var actual = new LstmEvaluator(reopened, 7, Compute.SingleThread).Evaluate(data.Validation, data.Scoring);
            // The evaluation batch size changes no result.
            Assert.Equal(expected.Counts.ToCsv(data.TargetSymbols), actual.Counts.ToCsv(data.TargetSymbols));
            Assert.Equal(expected.AnswerAccuracy, actual.AnswerAccuracy);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ATensorGoneInfiniteWhileTheLossStaysFiniteStopsTheRunAtTheEpochsEnd()
    {
        // An input gate's bias at +Inf saturates its sigmoid at 1: every loss stays finite and the bias's gradient is 0,
        // so the optimizer keeps it infinite; only the check of the tensors at the epoch's end sees it. (An absurd
        // learning rate instead makes the loss itself NaN first, which the step's own check reports.)
        var data = TrainerTests.SmallLogic(200, 20);
        var c = LstmLogicConfig(epochs: 2);
        c.Validate();
        var sink = new RecordingSink();
        var trainer = new LstmTrainer(c, data, sink, Compute.SingleThread);
        var bias = trainer.Net.Tensors.NamedParameters.Single(p => p.Name == "lstm.bias_ih_l0").Parameter;
        bias.Values[0] = float.PositiveInfinity;
        bias.MarkChanged();
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Train());
        Assert.StartsWith("training diverged: lstm tensor 'lstm.bias_ih_l0' holds", e.Message);
        Assert.Contains("at the end of epoch 1 (step 13)", e.Message); // 200 sequences in batches of 16
        Assert.Contains("Lower action_learning_rate or set action_clipping", e.Message);
        Assert.Equal(13, trainer.Steps);
        Assert.Empty(sink.Rows);
        Assert.Empty(sink.Saves);
        Assert.Empty(sink.States);
    }

    [Fact]
    public void ATrainingBatchAllocatesNothing()
    {
        var data = TrainerTests.SmallLogic(200, 20);
        var c = LstmLogicConfig(epochs: 1);
        c.LstmLayers = 2;
        c.ActionClipping = 1;
        c.Validate();
        var trainer = new LstmTrainer(c, data, new RecordingSink(), Compute.SingleThread);
        trainer.BeginEpoch(0);
        for (int i = 0; i < 2; i++) { trainer.NextBatch(); trainer.TrainBatch(); } // first calls size lazily grown buffers
        // Every later batch of three epochs (the start of an epoch, its shuffle, not counted): batches vary in length,
        // and one longer than all before must not grow a buffer either (the products' workspace once did, 235 kB).
        long allocated = 0;
        int batches = 0;
        for (int epoch = 0; epoch < 3; epoch++)
        {
            if (epoch > 0) trainer.BeginEpoch(epoch);
            while (true)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                if (!trainer.NextBatch()) break;
                trainer.TrainBatch();
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                batches++;
            }
        }
        Assert.Equal(3 * 13 - 2, batches); // 200 sequences in batches of 16
        Assert.Equal(0, allocated);
    }
}
