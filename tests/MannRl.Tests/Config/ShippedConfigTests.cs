using MannRl.Config;

namespace MannRl.Tests.Config;

public class ShippedConfigTests
{
    public static IEnumerable<object[]> Shipped() =>
    [
        ["logic/logic_lstm"],
        ["logic/logic_m_best"],
        ["logic/logic_m_resets"],
        ["logic/logic_improved"],
        ["logic/logic_no_memory"],
        ["logic/logic_frozen_memory"],
        ["pos/udpos_m_best"],
        ["pos/udpos_tuned"],
        ["pos/udpos_lstm"],
        ["mt/sentences_m_best"],
        ["mt/sentences_parallel_8192"],
        ["tasks/copy_m"],
        ["tasks/repeat_copy_m"],
        ["tasks/associative_recall_m"],
        ["tasks/copy_lstm"],
        ["tasks/repeat_copy_lstm"],
        ["tasks/associative_recall_lstm"],
    ];

    [Fact]
    public void TheLibraryEmbedsTheShippedConfigs()
    {
        Assert.Equal(Shipped().Select(s => (string)s[0]).Order(StringComparer.Ordinal), ConfigLoader.BuiltInNames());
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void EachLoadsWithoutWarningsAndValidates(string name)
    {
        LoadedConfig loaded = ConfigLoader.BuiltIn(name);
        Assert.Empty(loaded.Warnings);
        loaded.Config.Validate();
        string onDisk = Path.Combine(TestPaths.RepoRoot, "configs", name + ".yaml");
        LoadedConfig file = ConfigLoader.Load(onDisk);
        Assert.Equal(loaded.Config with { Source = "x" }, file.Config with { Source = "x" });
    }

    [Theory]
    [InlineData("logic_m_best")]
    [InlineData("logic/logic_m_best.yaml")]
    [InlineData("configs/logic/logic_m_best.yaml")]
    public void BuiltInAcceptsShortAndFullNames(string name)
    {
        Assert.Equal("built-in:logic/logic_m_best", ConfigLoader.BuiltIn(name).Config.Source);
    }

    [Fact]
    public void UnknownBuiltInListsTheShippedOnes()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.BuiltIn("nope"));
        Assert.Contains("logic/logic_m_best", e.Message);
    }

    [Fact]
    public void LogicMatchesTheReferenceColumn()
    {
        ExperimentConfig c = ConfigLoader.BuiltIn("logic/logic_m_best").Config;
        Assert.Equal(ConfigLoader.Parse(OriginalConfigs.LogicMBest, "original").Config with { Source = "x" }, c with { Source = "x" });
    }

    [Fact]
    public void PosMatchesTheOriginalExceptTheDataDimensions()
    {
        ExperimentConfig c = ConfigLoader.BuiltIn("pos/udpos_m_best").Config;
        ExperimentConfig original = ConfigLoader.Parse(OriginalConfigs.UdposMBest, "original").Config;
        Assert.Null(c.InputDim);
        Assert.Null(c.TargetDim);
        Assert.Equal(original with { Source = "x", InputDim = null, TargetDim = null }, c with { Source = "x" });
    }

    [Fact]
    public void PosTunedDiffersFromTheOriginalBestOnlyInItsCommentedKeys()
    {
        ExperimentConfig best = ConfigLoader.BuiltIn("pos/udpos_m_best").Config;
        ExperimentConfig tuned = ConfigLoader.BuiltIn("pos/udpos_tuned").Config;
        Assert.Equal(
            best with
            {
                Source = "x",
                PosEmbeddings = "random:300",
                EvalInterval = 1,
                Epochs = 30,
                ActionLossOn = "logits",
                ActionLearningRate = 0.001,
                ActionClipping = 1,
                ActionLrRateDecay = new LrDecay([12, 22], 0.3),
                MemLearningRate = 0.000001,
                MemLrRateDecay = null,
                MemTarget = "detached",
            },
            tuned with { Source = "x" });
    }

    [Fact]
    public void SentencesMatchTheOriginalBestWithNewKeysAndTheEwtSentences()
    {
        ExperimentConfig c = ConfigLoader.BuiltIn("mt/sentences_m_best").Config;
        ExperimentConfig original = ConfigLoader.Parse(OriginalConfigs.Wmt2014EnMBest, "original").Config;
        Assert.Equal("sentences/en-ewt-train.txt", c.SentencesFile);
        Assert.Equal(
            original with { Source = "x", InputDim = null, TargetDim = null, SentencesFile = "sentences/en-ewt-train.txt" },
            c with { Source = "x" });
        Assert.Equal((0.99, 8.0), (c.MemGamma, c.MemDampenLosses));
    }

    [Fact]
    public void ParallelMatchesTheOriginal5kConfig()
    {
        ExperimentConfig c = ConfigLoader.BuiltIn("mt/sentences_parallel_8192").Config;
        ExperimentConfig original = ConfigLoader.Parse(OriginalConfigs.Wmt2014EnM5k, "original").Config;
        Assert.Equal(
            original with { Source = "x", InputDim = null, TargetDim = null, SentencesFile = "sentences/en-ewt-train.txt" },
            c with { Source = "x" });
        Assert.Equal((8192, 8, 1024), (c.MemoryDim, c.MemNumMemNet, c.ActionChunkDim));
        Assert.Equal(2.0, c.MemL1);
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void WriterRoundTripsEachShippedConfig(string name)
    {
        ExperimentConfig c = ConfigLoader.BuiltIn(name).Config;
        LoadedConfig back = ConfigLoader.Parse(ConfigWriter.ToYaml(c), c.Source);
        Assert.Empty(back.Warnings);
        Assert.Equal(c, back.Config);
    }
}
