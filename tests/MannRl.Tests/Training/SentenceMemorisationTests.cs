using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Evaluation;
using MannRl.Training;

namespace MannRl.Tests.Training;

/// <summary>Issue 5's small memorisation run: 30 sentences of 3-6 characters, read then reproduced from memory.</summary>
public class SentenceMemorisationTests
{
    [Fact]
    public void MemorisationLearnsWellBeyondANoMemoryModel()
    {
        var dir = Directory.CreateTempSubdirectory("mannrl-sent-").FullName;
        try
        {
            var rng = new Rng(5);
            // Four letters, so that none is rare enough to be cleaned away (seen at most 7 times).
            var lines = Enumerable.Range(0, 30)
                .Select(_ => new string(Enumerable.Range(0, rng.NextInt(3, 6)).Select(_ => "abcd"[rng.NextInt(4)]).ToArray()));
            File.WriteAllLines(Path.Combine(dir, "short.txt"), lines);
            var c = ConfigLoader.Parse("""
                { "dataset": "wmt2014-en", "sentences_file": "short.txt", "action_model": "embdann", "action_embedding_dim": 16,
                  "mem_model": "embmnnNA", "mem_embedding_dim": 16, "memory_dim": 64, "history": 8, "settle": 2, "epochs": 300,
                  "batch_size": 4, "eval_batch_size": 4, "loss_function": "cross_entropy", "action_optimizer": "adam",
                  "action_learning_rate": 0.003, "action_clipping": 1, "mem_optimizer": "rmsprop", "mem_learning_rate": 0.0001,
                  "mem_clipping": 1, "mem_train_iterations": 1, "mem_num_samples": 4, "mem_gamma": 0.99, "mem_dampen_losses": 3,
                  "eval_interval": 299 }
                """, "memorisation test").Config;
            var data = Experiment.LoadData(c, dir, null);
            Assert.Equal(28, data.Train.Count); // 95% of 30

            double noMemory = NoMemoryWeightedF1(data);
            var sink = new RecordingSink();
            new Trainer(c, data, sink, Compute.SingleThread).Train();
            double trained = sink.Rows.Last(r => r.Split == "train").Metrics.WeightedF1;
            Assert.True(trained > noMemory + 0.2, $"trained {trained:F3} vs no memory {noMemory:F3}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The best a model without memory can do: the most frequent target of each input symbol.</summary>
    private static double NoMemoryWeightedF1(SequenceDataset data)
    {
        var pairs = data.Train.SelectMany(s => s.InputIds!.Zip(s.Targets)).ToArray();
        var best = pairs.GroupBy(p => p.First)
            .ToDictionary(g => g.Key, g => g.GroupBy(p => p.Second).OrderByDescending(h => h.Count()).ThenBy(h => h.Key).First().Key);
        var counts = new ConfusionCounts(data.TargetDim);
        foreach (var (input, target) in pairs) counts.Add(target, best[input]);
        return counts.Metrics().WeightedF1;
    }
}
