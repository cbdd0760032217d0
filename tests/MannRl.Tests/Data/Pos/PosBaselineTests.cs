using MannRl.Config;
using MannRl.Data.Pos;

namespace MannRl.Tests.Data.Pos;

public class PosBaselineTests
{
    private static ConlluToken[] S(params string[] words) =>
        words.Select(w => { var p = w.Split('/'); return new ConlluToken(p[0], p[1], p[2]); }).ToArray();

    // Train counts (XPOS): "run" VB 2, NN 1 -> VB; "the" DT 3 -> DT; "saw" VBD 1, NN 1 (tie, VBD first) -> VBD;
    // "Run" NN 1 (case kept) -> NN. Overall: DT 3, VB 2, . 2, NN 3, VBD 1 -> DT (tie with NN, seen first).
    private static readonly ConlluToken[][] Train =
    [
        S("the/DET/DT", "run/VERB/VB", "./PUNCT/."),
        S("the/DET/DT", "run/NOUN/NN", "saw/VERB/VBD"),
        S("run/VERB/VB", "the/DET/DT", "saw/NOUN/NN", "Run/NOUN/NN", "./PUNCT/."),
    ];

    [Fact]
    public void Predicts_the_most_frequent_tag_per_word_with_first_seen_ties()
    {
        var b = PosBaseline.Train(Train, PosTagset.Xpos);
        Assert.Equal("VB", b.Predict("run"));
        Assert.Equal("DT", b.Predict("the"));
        Assert.Equal("VBD", b.Predict("saw"));
        Assert.Equal("NN", b.Predict("Run"));
        Assert.Equal("DT", b.DefaultTag);
        Assert.Equal("DT", b.Predict("unseen"));
        Assert.Equal("DT", b.Predict("The")); // case-sensitive: "The" was never seen
        Assert.Equal(5, b.WordCount);
    }

    [Fact]
    public void Upos_baseline_uses_the_upos_column()
    {
        var b = PosBaseline.Train(Train, PosTagset.Upos);
        Assert.Equal("VERB", b.Predict("run"));
        Assert.Equal("VERB", b.Predict("saw")); // tie VERB 1, NOUN 1: VERB seen first
        Assert.Equal("DET", b.DefaultTag);      // DET 3, VERB 3 (run 2 + saw 1), NOUN 3: DET first
    }

    [Fact]
    public void Run_returns_truth_and_prediction_ids_per_split()
    {
        var corpus = new PosCorpus(Train, [S("run/NOUN/NN", "fast/ADV/RB", "!/PUNCT/.")], [S("saw/NOUN/NN")]);
        var r = PosBaseline.Run(corpus, PosTagset.Xpos);
        // Tag ids by first appearance: DT 0, VB 1, . 2, NN 3, VBD 4, RB 5.
        Assert.Equal(["DT", "VB", ".", "NN", "VBD", "RB"], r.Tags.Tags);
        Assert.Equal(11, r.Train.Count);
        // Train by hand: the run . | the run(NN->VB x) saw(VBD) | run the saw(NN->VBD x) Run . : 9 of 11 right.
        Assert.Equal(9.0 / 11, PosBaselineResult.Accuracy(r.Train), 12);
        Assert.Equal([(3, 1), (5, 0), (2, 0)], r.Validation); // run->VB, fast unseen->DT, ! unseen->DT
        Assert.Equal([(3, 4)], r.Split("test"));
        Assert.Equal(0, PosBaselineResult.Accuracy(r.Test));
    }
}
