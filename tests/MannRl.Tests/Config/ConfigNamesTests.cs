using MannRl.Config;

namespace MannRl.Tests.Config;

public class ConfigNamesTests
{
    [Fact]
    public void NamesAreTheOriginalSpellingsInDeclarationOrder()
    {
        Assert.Equal(["flatmnn", "flatmnnNA", "embmnn", "embmnnNA", "embWLmnnNA", "parallelMemNetNA"], ConfigNames<MemoryModelKind>.All);
        Assert.Equal(["logic", "udpos", "wmt2014-en", "wmt2014-en-fr", "copy", "repeat-copy", "associative-recall", "symbols"], ConfigNames<DatasetKind>.All);
        Assert.Equal(["xpos", "upos"], ConfigNames<PosTagset>.All);
        Assert.Equal("parallelActionNet", ConfigNames<ActionModelKind>.Of(ActionModelKind.ParallelActionNet));
        Assert.Equal("digits", ConfigNames<ReadingTarget>.Of(ReadingTarget.Digits));
    }

    [Fact]
    public void ParsingIsExact()
    {
        Assert.True(ConfigNames<ReadingTarget>.TryParse("empty", out ReadingTarget reading));
        Assert.Equal(ReadingTarget.Empty, reading);
        Assert.True(ConfigNames<OptimizerKind>.TryParse("rmsprop", out OptimizerKind optimizer));
        Assert.Equal(OptimizerKind.RmsProp, optimizer);
        Assert.False(ConfigNames<ReadingTarget>.TryParse("zeros", out _));
        Assert.False(ConfigNames<PosTagset>.TryParse("UPOS", out _));
        Assert.False(ConfigNames<OptimizerKind>.TryParse("RmsProp", out _));
    }

    [Fact]
    public void EveryNameRoundTripsThroughTheConfig()
    {
        ExperimentConfig c = ConfigLoader.BuiltIn("logic/logic_m_best").Config;
        foreach (string name in ConfigNames<MemoryModelKind>.All)
            Assert.Equal(name, ConfigNames<MemoryModelKind>.Of((c with { MemModel = name }).MemModelKind));
        foreach (string name in ConfigNames<TdTarget>.All)
            Assert.Equal(name, ConfigNames<TdTarget>.Of((c with { MemTarget = name }).MemTargetKind));
        Assert.Equal(LossInput.Probabilities, c.ActionLossOnKind);
        Assert.Null(c.PosEmbeddingsSpec);
        Assert.Equal(new PosEmbeddings(PosEmbeddingKind.Learned, 64, null), (c with { PosEmbeddings = "learned:64" }).PosEmbeddingsSpec);
    }

    [Fact]
    public void AParsedPropertyThrowsTheValidationError()
    {
        ExperimentConfig c = ConfigLoader.BuiltIn("logic/logic_m_best").Config with { ActionOptimizer = "adagrad" };
        var e = Assert.Throws<ConfigException>(() => c.ActionOptimizerKind);
        Assert.Equal("action_optimizer", e.Key);
        Assert.Equal(Assert.Throws<ConfigException>(c.Validate).Message, e.Message);
    }
}
