using System.Text;
using MannRl.Checkpoints;
using MannRl.Config;
using MannRl.Data;
using MannRl.Data.Logic;
using MannRl.Engine;
using MannRl.Evaluation;
using MannRl.Models;
using MannRl.Training;

namespace MannRl.Fuzzing;

/// <summary>One kind of input the fuzzer mutates: a valid seed file and what is done with a mutated copy.</summary>
/// <param name="Name">The input's kind, e.g. "conllu".</param>
/// <param name="Seeds">Valid files to start from (one is drawn per case).</param>
/// <param name="Run">Writes the mutated bytes into the case's folder and runs what a command would run on them.</param>
public sealed record FuzzTarget(string Name, IReadOnlyList<byte[]> Seeds, Action<string, byte[], Random> Run);

/// <summary>
/// The inputs of issue 12's fuzzing: configs, logic data files, CoNLL-U files, sentence files and safetensors
/// checkpoints, each loaded (and, where it loads, trained on for one tiny epoch) as <c>mannrl train</c> and
/// <c>mannrl evaluate</c> would, inside the case's own folder.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Small nets and budgets: the fuzzer wants the code paths, not the learning.</summary>
    private const string Tiny = """
          "memory_dim": 8, "history": 3, "settle": 1, "epochs": 1, "batch_size": 4, "eval_batch_size": 8,
          "mem_num_samples": 2, "train_eval_truncate_size": 16
        """;

    /// <summary>All targets; <paramref name="configTexts"/> are the config files to mutate (the shipped ones).</summary>
    public static IReadOnlyList<FuzzTarget> All(IReadOnlyList<string> configTexts) =>
    [
        new("config", configTexts.Select(Encoding.UTF8.GetBytes).ToArray(), RunConfig),
        new("logic-json", [Encoding.UTF8.GetBytes(LogicDataFile.ToJson(LogicTask.Generate(new LogicOptions(new IntRange(2, 6), 60, 5))))], RunLogic),
        new("conllu", [Encoding.UTF8.GetBytes(Conllu(new Random(1), 14))], RunConllu),
        new("sentences", [Encoding.UTF8.GetBytes(Sentences(new Random(2), 40))], RunSentences),
        new("safetensors", Checkpoints(), RunSafeTensors),
    ];

    private static void RunConfig(string dir, byte[] bytes, Random rng)
    {
        var c = ConfigLoader.Parse(Encoding.UTF8.GetString(bytes), "fuzz.yaml").Config;
        c.Validate();
        int input = c.InputDim is > 0 ? c.InputDim.Value : 11, target = c.TargetDim is > 0 ? c.TargetDim.Value : 11;
        // Build the nets only where they are small: the fuzzer runs beside other work.
        MemoryEstimate.Of(c, input, target).EnsureFits("fuzz.yaml", 256L << 20);
        if (c.ModelKind == LearnerKind.Lstm) LstmNet.Create(c, input, target, null, new Rng(c.Seed));
        else MannNetworks.Create(c, input, target, null, new Rng(c.Seed));
    }

    private static void RunLogic(string dir, byte[] bytes, Random rng)
    {
        string data = Path.Combine(dir, "data");
        Directory.CreateDirectory(Path.Combine(data, "logic"));
        File.WriteAllBytes(Path.Combine(data, "logic", LogicDataFile.FileName), bytes);
        Train($$"""{ "dataset": "logic", {{Tiny}} }""", data);
    }

    private static void RunConllu(string dir, byte[] bytes, Random rng)
    {
        string data = Path.Combine(dir, "data"), folder = Path.Combine(data, "ud-english-ewt");
        Directory.CreateDirectory(folder);
        string mutated = new[] { "train", "train", "dev", "test" }[rng.Next(4)];
        foreach (string split in new[] { "train", "dev", "test" })
            File.WriteAllBytes(Path.Combine(folder, $"en_ewt-ud-{split}.conllu"), split == mutated ? bytes : Encoding.UTF8.GetBytes(Conllu(new Random(split.Length), 6)));
        Train($$"""{ "dataset": "udpos", "pos_embeddings": "random:8", {{Tiny}} }""", data);
    }

    private static void RunSentences(string dir, byte[] bytes, Random rng)
    {
        string data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        File.WriteAllBytes(Path.Combine(data, "s.txt"), bytes);
        Train($$"""
            { "dataset": "wmt2014-en", "sentences_file": "s.txt", "wmt_validation_truncate_size": 4, "action_model": "embdann",
              "action_embedding_dim": 8, "mem_model": "embmnnNA", "mem_embedding_dim": 8, {{Tiny}} }
            """, data);
    }

    private static void RunSafeTensors(string dir, byte[] bytes, Random rng)
    {
        string folder = Path.Combine(dir, "checkpoints");
        Directory.CreateDirectory(folder);
        var (c, nets, optimizers) = TinyNets();
        Checkpoint.Save(folder, "t1", nets.Action, nets.Memory, optimizers.Action, optimizers.Memory, "fuzz");
        string[] parts = ["action", "memory", "optimizer"];
        File.WriteAllBytes(Path.Combine(folder, $"t1.{parts[rng.Next(parts.Length)]}.safetensors"), bytes);
        var (_, fresh, freshOptimizers) = TinyNets();
        Checkpoint.Load(folder, "t1", fresh.Action, fresh.Memory, freshOptimizers.Action, freshOptimizers.Memory);
    }

    private static void Train(string yaml, string dataDir)
    {
        var c = ConfigLoader.Parse(yaml, "fuzz.yaml").Config;
        var data = Experiment.LoadData(c, dataDir, null);
        TrainerFactory.Create(c, data, DiscardingSink.Instance, new Compute(1)).Train();
    }

    private static (ExperimentConfig Config, MannNetworks Nets, (Optimizer Action, Optimizer Memory) Optimizers) TinyNets()
    {
        var c = ConfigLoader.Parse($$"""{ "dataset": "logic", {{Tiny}} }""", "fuzz.yaml").Config;
        c.Validate();
        var nets = MannNetworks.Create(c, 11, 11, null, new Rng(c.Seed));
        var compute = new Compute(1);
        return (c, nets, (OptimizerFactory.Create(c.ActionOptimizerKind, nets.Action.Parameters, c.ActionLearningRate, compute),
            OptimizerFactory.Create(c.MemOptimizerKind, nets.Memory.Parameters, c.MemLearningRate, compute)));
    }

    private static byte[][] Checkpoints()
    {
        string dir = Directory.CreateTempSubdirectory("mannrl-fuzz-seed-").FullName;
        try
        {
            var (_, nets, optimizers) = TinyNets();
            Checkpoint.Save(dir, "t1", nets.Action, nets.Memory, optimizers.Action, optimizers.Memory, "fuzz");
            return new[] { "action", "memory", "optimizer" }.Select(p => File.ReadAllBytes(Path.Combine(dir, $"t1.{p}.safetensors"))).ToArray();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static readonly string[] Words = ["the", "cat", "sat", "on", "a", "mat", "dogs", "run", "fast", "and", "we", "saw", "it", "today", "green"];
    private static readonly string[] Tags = ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "NOUN", "VERB", "ADV", "CCONJ", "PRON", "VERB", "PRON", "NOUN", "ADJ"];

    /// <summary>A CoNLL-U text of <paramref name="count"/> short sentences over a small vocabulary.</summary>
    public static string Conllu(Random rng, int count)
    {
        var s = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            int n = 3 + rng.Next(8);
            var ids = Enumerable.Range(0, n).Select(_ => rng.Next(Words.Length)).ToArray();
            s.Append($"# sent_id = s{i + 1}\n# text = {string.Join(' ', ids.Select(w => Words[w]))} .\n");
            for (int k = 0; k < n; k++)
                s.Append($"{k + 1}\t{Words[ids[k]]}\t{Words[ids[k]]}\t{Tags[ids[k]]}\t{Tags[ids[k]][..2]}\t_\t{(k == 0 ? 0 : 1)}\t{(k == 0 ? "root" : "dep")}\t_\t_\n");
            s.Append($"{n + 1}\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n");
        }
        return s.ToString();
    }

    /// <summary>A sentence file of <paramref name="count"/> lines.</summary>
    public static string Sentences(Random rng, int count) =>
        string.Join('\n', Enumerable.Range(0, count).Select(_ =>
            string.Join(' ', Enumerable.Range(0, 3 + rng.Next(6)).Select(_ => Words[rng.Next(Words.Length)])) + ".")) + "\n";
}
