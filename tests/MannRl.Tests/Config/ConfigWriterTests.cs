using MannRl.Config;

namespace MannRl.Tests.Config;

public class ConfigWriterTests
{
    [Fact]
    public void EveryKeyRoundTrips()
    {
        var c = new ExperimentConfig
        {
            Source = "full.yaml",
            Dataset = "wmt2014-en-fr",
            InputDim = 208,
            TargetDim = 0,
            SentencesFile = "sentences/\"quoted\" \\ path: x.txt",
            SentencesFileTarget = "fr.txt",
            DataFile = "mine/task.dataset.json",
            PosEmbeddings = "random:50",
            Seed = ulong.MaxValue,
            SavePoint = 32,
            WmtCurriculum = new Curriculum(2000, 500),
            ActionLrRateDecay = new LrDecay([7], 0.25),
            MemLrRateDecay = new LrDecay([100, 150], 0.5),
            ActionClipping = 0.01,
            MemClipping = 1,
            MemL1 = 2.0,
            MemLearningRate = 0.0000001,
            ActionLearningRate = 1.5e-7,
            MemGamma = 1.0 / 3.0,
            ActionEmbeddingDim = 96,
            MemNumMemNet = 8,
            UseSwish = true,
            MemTarget = "detached",
            MemNStep = 3,
            MemAnswerRewardWeight = 2.5,
            MemRewardBaseline = "mean",
            MemOutputGain = 3,
            MemLeak = 0.5,
            ActionAnswerWeight = 4,
            DataSeed = 99,
            LogicOperands = new IntRange(21, 40),
            TaskEvalRepeats = new IntRange(7, 9),
        };
        string yaml = ConfigWriter.ToYaml(c);
        LoadedConfig back = ConfigLoader.Parse(yaml, "full.yaml");
        Assert.Empty(back.Warnings);
        Assert.Equal(c, back.Config);
        foreach (string key in ConfigKeys.Known.Except(["action_chunk_dim", "mem_embedding_dim"]))
            Assert.Contains("\n" + key + ": ", yaml);
    }

    [Fact]
    public void NullsAreOmittedAndDefaultsWritten()
    {
        string yaml = ConfigWriter.ToYaml(new ExperimentConfig());
        Assert.DoesNotContain("input_dim", yaml);
        Assert.DoesNotContain("action_clipping", yaml);
        Assert.Contains("\nhistory: 12\n", yaml);
        Assert.Contains("\nmem_learning_rate: 1.0e-05\n", yaml);
        Assert.Contains("\nmem_gamma: 0.99\n", yaml);
        Assert.Contains("\nmem_dampen_losses: 0.0\n", yaml);
        Assert.Contains("\nseed: 13\n", yaml);
        Assert.Equal(new ExperimentConfig() with { Source = "s" }, ConfigLoader.Parse(yaml, "s").Config);
    }

    [Theory]
    [InlineData(0.001, "0.001")]
    [InlineData(1e-7, "1.0e-07")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(3.0, "3.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(double.PositiveInfinity, ".inf")]
    public void DoublesAlwaysHaveADot(double value, string text) => Assert.Equal(text, ConfigWriter.FormatDouble(value));
}
