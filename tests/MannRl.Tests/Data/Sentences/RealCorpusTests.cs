using MannRl.Data.Sentences;
using Xunit.Abstractions;

namespace MannRl.Tests.Data.Sentences;

/// <summary>The shipped offline corpus with the published best wmt2014-en settings.</summary>
public class RealCorpusTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void En_ewt_loads_with_the_best_500_sentence_settings()
    {
        Requires.SharedData();
        string dataDir = TestPaths.SharedData;
        var options = new SentenceOptions
        {
            SentencesFile = SentenceFile.OfflineCorpus,
            TrainTruncate = 5000,
            ValidationTruncate = 100,
            Curriculum = new CurriculumSchedule(2000, 500),
            AddCharsToCurriculum = true,
            UseCache = false, // the shared data folder stays untouched
        };
        var log = new List<string>();
        var task = SentenceTask.Open(dataDir, options, log.Add);
        foreach (string line in log) output.WriteLine(line);

        var ds = task.Dataset;
        int[] lengths = task.TrainSelection.Select(p => p.Length).ToArray();
        int[] all = task.Pairs.Select(p => p.Length).ToArray();
        output.WriteLine($"pairs {task.Pairs.Count}, train split {task.TrainPairs.Count}, validation {ds.Validation.Count}");
        output.WriteLine($"input_dim {ds.InputDim}, target_dim {ds.TargetDim}");
        output.WriteLine($"chunks [{string.Join(", ", task.ChunkSizes)}] + {task.CharacterPairs.Count} one-character pairs in chunk 0");
        output.WriteLine($"epoch 0: {task.TrainForEpoch(0).Count} sequences, epoch 2000: {task.TrainForEpoch(2000).Count}, epoch 2047: {task.TrainForEpoch(2047).Count}");
        output.WriteLine($"train-eval (500) epoch 0: {task.TrainEvalForEpoch(0, 500).Count}");
        output.WriteLine($"selected pair lengths {lengths.Min()}..{lengths.Max()} (chunk 0 up to {lengths[task.ChunkSizes[0] - 1]}); all pairs {all.Min()}..{all.Max()}");
        output.WriteLine($"shortest: {task.TrainSelection[0].Source}");
        output.WriteLine($"validation lengths {ds.Validation.Min(s => s.Length)}..{ds.Validation.Max(s => s.Length)}");

        Assert.Equal("wmt2014-en", ds.Name);
        // Figures of an independent Python rendering of the original's cleaning (readlines, counts over the raw
        // lines, replace, strip, split/join, set of non-empty lines) on the same file.
        Assert.Equal(102, ds.InputDim);
        Assert.Equal(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz|~\u0298\u02FD\u043D\u0444\u2013\u2014\u2018\u2019\u201C\u201D",
            string.Concat(ds.TargetSymbols));
        Assert.Equal(11735, task.Pairs.Count);
        Assert.Equal((5, 1545), (all.Min(), all.Max()));
        string sorted = string.Join('\n', task.Pairs.Select(p => p.Source).Order(StringComparer.Ordinal));
        Assert.Equal("acbf061352dc7a9d1176cd4b2b0a902fc291c3d06db95bfcd9efa89994e5e046",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sorted))));
        Assert.Equal(5000, task.TrainSelection.Count);
        Assert.Equal(Enumerable.Repeat(500, 10), task.ChunkSizes);
        Assert.Equal(100, ds.Validation.Count);
        Assert.Equal(ds.InputDim - 4, task.CharacterPairs.Count);
        Assert.Equal(500 + task.CharacterPairs.Count, task.TrainForEpoch(0).Count);
        Assert.Equal(1000 + task.CharacterPairs.Count, task.TrainForEpoch(2047).Count);
        Assert.Equal(lengths.Order(), lengths);
        Assert.All(ds.Train, s => Assert.Equal(s.InputIds!.Length, s.Targets.Length));
    }
}
