using MannRl.Config;
using MannRl.Engine;
using MannRl.Training;

namespace MannRl.Tests.Training;

/// <summary>The udpos task through the trainer, on a tiny treebank written by the test.</summary>
public class PosTrainingTests
{
    private static string Conllu(int sentences, int seed)
    {
        var words = new[] { ("the", "DT"), ("dog", "NN"), ("cat", "NN"), ("runs", "VBZ"), ("sees", "VBZ"), ("a", "DT"), ("big", "JJ") };
        var rng = new MannRl.Engine.Rng((ulong)seed);
        var sb = new System.Text.StringBuilder();
        for (int s = 0; s < sentences; s++)
        {
            sb.Append($"# sent_id = {s}\n");
            int n = rng.NextInt(3, 6);
            for (int i = 0; i < n; i++)
            {
                var (form, tag) = words[rng.NextInt(words.Length)];
                sb.Append($"{i + 1}\t{form}\t{form}\tX\t{tag}\t_\t0\tdep\t_\t_\n");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData("learned:8")]
    [InlineData("random:16")]
    public void TrainsOnATinyTreebank(string embeddings)
    {
        var dir = Directory.CreateTempSubdirectory("mannrl-pos-").FullName;
        try
        {
            var ud = Directory.CreateDirectory(Path.Combine(dir, "ud-english-ewt")).FullName;
            File.WriteAllText(Path.Combine(ud, "en_ewt-ud-train.conllu"), Conllu(60, 1));
            File.WriteAllText(Path.Combine(ud, "en_ewt-ud-dev.conllu"), Conllu(10, 2));
            File.WriteAllText(Path.Combine(ud, "en_ewt-ud-test.conllu"), Conllu(10, 3));
            var c = ConfigLoader.Parse($$"""
                { "dataset": "udpos", "pos_embeddings": "{{embeddings}}", "action_model": "flatdann", "mem_model": "flatmnnNA",
                  "memory_dim": 12, "history": 6, "settle": 2, "epochs": 30, "batch_size": 4, "eval_batch_size": 8,
                  "loss_function": "cross_entropy", "action_optimizer": "adam", "action_learning_rate": 0.01,
                  "mem_optimizer": "rmsprop", "mem_learning_rate": 0.0001, "mem_num_samples": 3, "mem_gamma": 0.99,
                  "eval_interval": 29 }
                """, "pos test").Config;
            var data = Experiment.LoadData(c, dir, null);
            Assert.Equal(embeddings.StartsWith("learned") ? 8 : null, data.LearnedEmbeddingDim);
            var sink = new RecordingSink();
            new Trainer(c, data, sink, Compute.SingleThread).Train();
            // Words map to tags one to one here (plus the appended '.'), so the tagger must get them nearly all.
            Assert.True(sink.Rows.Last(r => r.Split == "train").Metrics.WeightedF1 > 0.9,
                string.Join(", ", sink.Rows.Select(r => $"{r.Split} {r.Metrics.WeightedF1:F3}")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
