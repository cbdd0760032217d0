using MannRl.Config;
using MannRl.Data.Pos;

namespace MannRl.Tests.Data.Pos;

/// <summary>The shared UD English EWT files against the figures of its README and of reference/pos-baselines.md.</summary>
public class PosRealDataTests
{
    private static readonly Lazy<PosCorpus> Corpus = new(() => PosCorpus.Load(TestPaths.SharedData));

    [SkippableFact]
    public void Sentence_word_and_tag_counts_match_the_readme()
    {
        Requires.SharedData();
        var c = Corpus.Value;
        Assert.Equal([12_544, 2_001, 2_077], new[] { c.Train.Count, c.Validation.Count, c.Test.Count });
        Assert.Equal([204_577, 25_147, 25_094], new[] { c.Train, c.Validation, c.Test }.Select(s => s.Sum(x => x.Length)));
        var xpos = PosTagDictionary.Build(c, PosTagset.Xpos);
        Assert.Equal(49, xpos.Count);
        Assert.Equal(["NNP", "HYPH", ":", "JJ", "NNS"], xpos.Tags.Take(5));
        Assert.Equal(17, PosTagDictionary.Build(c, PosTagset.Upos).Count);
        Assert.DoesNotContain(c.Train.Concat(c.Validation).Concat(c.Test).SelectMany(s => s), t => t.Xpos == "_");
    }

    [SkippableFact]
    public void The_dataset_adds_end_symbols_but_no_tags()
    {
        Requires.SharedData();
        var data = PosTask.Build(Corpus.Value, new PosOptions { Embeddings = PosEmbeddings.Parse("learned:100") });
        var ds = data.Dataset;
        Assert.Equal(49, ds.TargetDim);
        Assert.Equal([12_544, 2_001, 2_077], new[] { ds.Train.Count, ds.Validation.Count, ds.Test.Count });
        int added = ds.Train.Sum(s => s.Length) - 204_577;
        Assert.Equal(Corpus.Value.Train.Count(s => !PosEndSymbol.IsEndMark(s[^1].Form)), added);
        Assert.Equal(2_996, added);
        Assert.Equal(ds.InputSymbols!.Count, ds.InputDim);
        Assert.Equal(PosTagDictionary.Build(Corpus.Value, PosTagset.Upos).Count,
            PosTask.Build(Corpus.Value, new PosOptions { Embeddings = PosEmbeddings.Parse("learned:8"), Tagset = PosTagset.Upos }).Dataset.TargetDim);
    }

    [SkippableTheory]
    // reference/pos-baselines.md: accuracy and weighted F1 to 4 decimals.
    [InlineData(PosTagset.Xpos, 0.9166, 0.8403, 0.8382, 0.9151, 0.8368, 0.8351)]
    [InlineData(PosTagset.Upos, 0.9287, 0.8613, 0.8620, 0.9289, 0.8589, 0.8600)]
    public void Baseline_matches_the_reference(PosTagset tagset, double accTrain, double accDev, double accTest, double f1Train, double f1Dev, double f1Test)
    {
        Requires.SharedData();
        var r = PosBaseline.Run(Corpus.Value, tagset);
        Assert.Equal(accTrain, PosBaselineResult.Accuracy(r.Train), 4);
        Assert.Equal(accDev, PosBaselineResult.Accuracy(r.Validation), 4);
        Assert.Equal(accTest, PosBaselineResult.Accuracy(r.Test), 4);
        Assert.Equal(f1Train, WeightedF1(r.Train), 4);
        Assert.Equal(f1Dev, WeightedF1(r.Validation), 4);
        Assert.Equal(f1Test, WeightedF1(r.Test), 4);
    }

    /// <summary>Support-weighted F1 over the labels seen in truth or prediction, 0 when undefined (scikit-learn, zero_division=0).</summary>
    private static double WeightedF1(IReadOnlyList<(int Truth, int Predicted)> pairs)
    {
        var tp = new Dictionary<int, int>();
        var truth = new Dictionary<int, int>();
        var predicted = new Dictionary<int, int>();
        foreach (var (t, p) in pairs)
        {
            truth[t] = truth.GetValueOrDefault(t) + 1;
            predicted[p] = predicted.GetValueOrDefault(p) + 1;
            if (t == p) tp[t] = tp.GetValueOrDefault(t) + 1;
        }
        double sum = 0;
        foreach (var (label, support) in truth)
        {
            double hit = tp.GetValueOrDefault(label), pred = predicted.GetValueOrDefault(label);
            double precision = pred == 0 ? 0 : hit / pred, recall = hit / support;
            sum += support * (precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        }
        return sum / pairs.Count;
    }
}
