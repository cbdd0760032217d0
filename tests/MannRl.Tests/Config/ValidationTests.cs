using MannRl.Config;

namespace MannRl.Tests.Config;

public class ValidationTests
{
    private static ExperimentConfig Logic() => ConfigLoader.BuiltIn("logic/logic_m_best").Config;

    private static ExperimentConfig Parallel() => ConfigLoader.BuiltIn("mt/sentences_parallel_8192").Config;

    private static ConfigException Fails(ExperimentConfig c, string key)
    {
        var e = Assert.Throws<ConfigException>(c.Validate);
        Assert.Equal(key, e.Key);
        Assert.Contains(c.Source, e.Message);
        return e;
    }

    [Fact]
    public void DefaultsValidate() => new ExperimentConfig().Validate();

    [Fact]
    public void Flat2dannIsRejectedAsNeverImplemented()
    {
        var e = Fails(Logic() with { ActionModel = "flat2dann" }, "action_model");
        Assert.Contains("never implemented", e.Message);
    }

    [Theory]
    [InlineData("dataset", "mnist")]
    [InlineData("action_model", "lstm")]
    [InlineData("mem_model", "flatMNN")]
    [InlineData("action_optimizer", "adagrad")]
    [InlineData("mem_optimizer", "Adam")]
    [InlineData("loss_function", "mse")]
    [InlineData("action_loss_on", "outputs")]
    [InlineData("mem_target", "dqn")]
    [InlineData("reading_target", "zeros")]
    [InlineData("pos_tagset", "ptb")]
    [InlineData("debug_level", "trace")]
    [InlineData("model", "transformer")]
    public void UnknownNamesListTheAllowedOnes(string key, string value)
    {
        ExperimentConfig c = Logic();
        ConfigKeys.Property(key).SetValue(c, value);
        var e = Fails(c, key);
        Assert.Contains($"'{value}'", e.Message);
        Assert.Contains("use one of", e.Message);
    }

    [Theory]
    [InlineData("lstn", "lstm")]
    [InlineData("mannrl", "mann-rl")]
    [InlineData("no_memory", "no-memory")]
    [InlineData("frozen", "frozen-memory")]
    public void AnUnknownModelNamesTheClosestOnOneLine(string value, string closest)
    {
        var e = Fails(Logic() with { Model = value }, "model");
        Assert.Contains($"(closest: '{closest}')", e.Message);
        Assert.Contains("use one of mann-rl, lstm, no-memory, frozen-memory", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("mann-rl", LearnerKind.MannRl)]
    [InlineData("lstm", LearnerKind.Lstm)]
    [InlineData("no-memory", LearnerKind.NoMemory)]
    [InlineData("frozen-memory", LearnerKind.FrozenMemory)]
    public void ModelNamesParse(string value, LearnerKind kind)
    {
        var c = Logic() with { Model = value };
        c.Validate();
        Assert.Equal(kind, c.ModelKind);
    }

    [Fact]
    public void TheModelDefaultsToMannRlAndLstmKeysAreChecked()
    {
        Assert.Equal(LearnerKind.MannRl, new ExperimentConfig().ModelKind);
        Fails(Logic() with { Model = "lstm", LstmHiddenDim = 0 }, "lstm_hidden_dim");
        Fails(Logic() with { Model = "lstm", LstmLayers = 0 }, "lstm_layers");
        Fails(Logic() with { Model = "lstm", LstmBpttTruncate = -1 }, "lstm_bptt_truncate");
        (Logic() with { Model = "lstm", BatchSize = 1 }).Validate(); // no batch norm: one sequence per batch is fine
        Fails(Logic() with { Model = "lstm", PosEmbeddings = "learned:64" }, "pos_embeddings");
        (Logic() with { Model = "lstm", PosEmbeddings = "random:64" }).Validate();
    }

    [Fact]
    public void CaseMistakesAreNamed()
    {
        var e = Fails(Logic() with { MemOptimizer = "RMSprop" }, "mem_optimizer");
        Assert.Contains("'rmsprop'", e.Message);
    }

    [Theory]
    [InlineData("epochs", 0)]
    [InlineData("batch_size", 1)]
    [InlineData("eval_batch_size", 0)]
    [InlineData("memory_dim", 0)]
    [InlineData("eval_interval", 0)]
    [InlineData("history", 1)]
    [InlineData("settle", -1)]
    [InlineData("mem_train_iterations", 0)]
    [InlineData("mem_num_samples", 0)]
    [InlineData("mem_num_samples", 12)]
    [InlineData("input_dim", -3)]
    [InlineData("save_point", 0)]
    public void RangesAreChecked(string key, int value)
    {
        ExperimentConfig c = Logic();
        ConfigKeys.Property(key).SetValue(c, value);
        Fails(c, key);
    }

    [Theory]
    [InlineData("history", 1_000_000_000)]
    [InlineData("memory_dim", 2_000_000_000)]
    [InlineData("batch_size", 1_000_000_000)]
    [InlineData("eval_batch_size", 2_000_000_000)]
    [InlineData("epochs", int.MaxValue)]
    [InlineData("mem_embedding_dim", int.MaxValue)]
    [InlineData("lstm_hidden_dim", int.MaxValue)]
    [InlineData("logic_count", int.MaxValue)]
    public void SizesHaveAnUpperBound(string key, int value)
    {
        ExperimentConfig c = Logic();
        ConfigKeys.Property(key).SetValue(c, value);
        var e = Fails(c, key);
        Assert.Contains("must be at most", e.Message);
        Assert.Contains($"set {key}:", e.Message);
    }

    [Fact]
    public void MemNumSamplesMustBeBelowHistory()
    {
        var e = Fails(Logic() with { History = 8, MemNumSamples = 8 }, "mem_num_samples");
        Assert.Contains("at most 7", e.Message);
        (Logic() with { History = 9, MemNumSamples = 8 }).Validate();
    }

    [Fact]
    public void MemRewardBaselineIsNoneOrMean()
    {
        var e = Fails(Logic() with { MemRewardBaseline = "median" }, "mem_reward_baseline");
        Assert.Contains("none, mean", e.Message);
        (Logic() with { MemRewardBaseline = "mean" }).Validate();
    }

    [Fact]
    public void MemNStepIsAtLeastOneAndLeavesRoomForTheSamples()
    {
        Fails(Logic() with { MemNStep = 0 }, "mem_n_step");
        var e = Fails(Logic() with { History = 12, MemNumSamples = 8, MemNStep = 5 }, "mem_n_step");
        Assert.Contains("history at least 13", e.Message);
        (Logic() with { History = 12, MemNumSamples = 8, MemNStep = 4 }).Validate();
    }

    [Theory]
    [InlineData("action_learning_rate", 0.0)]
    [InlineData("mem_learning_rate", -1e-5)]
    [InlineData("action_clipping", 0.0)]
    [InlineData("mem_clipping", -1.0)]
    [InlineData("mem_gamma", 1.5)]
    [InlineData("mem_dampen_losses", -3.0)]
    [InlineData("mem_clamp", double.NaN)]
    [InlineData("mem_l1", -2.0)]
    [InlineData("mem_answer_reward_weight", -1.0)]
    [InlineData("mem_answer_reward_weight", double.NaN)]
    [InlineData("mem_answer_reward_weight", double.PositiveInfinity)]
    [InlineData("action_answer_weight", -1.0)]
    [InlineData("action_answer_weight", double.NaN)]
    [InlineData("mem_leak", 0.0)]
    [InlineData("mem_leak", 1.5)]
    [InlineData("mem_leak", double.NaN)]
    [InlineData("mem_output_gain", 0.0)]
    [InlineData("mem_output_gain", 1e4)]
    [InlineData("mem_output_gain", double.NaN)]
    [InlineData("mem_reset_probability", -0.1)]
    [InlineData("mem_reset_probability", 1.5)]
    [InlineData("mem_reset_probability", double.NaN)]
    public void NumbersAreChecked(string key, double value)
    {
        ExperimentConfig c = Logic();
        ConfigKeys.Property(key).SetValue(c, value);
        Fails(c, key);
    }

    [Fact]
    public void DecaysAndCurriculaAreChecked()
    {
        Fails(Logic() with { MemLrRateDecay = new LrDecay([0, 100], 0.5) }, "mem_lr_rate_decay");
        Fails(Logic() with { ActionLrRateDecay = new LrDecay([100], 0) }, "action_lr_rate_decay");
        Fails(Logic() with { WmtCurriculum = new Curriculum(0, 500) }, "wmt_curriculum");
    }

    [Fact]
    public void ParallelMemNetNeedsADivisibleMemory()
    {
        var e = Fails(Parallel() with { MemNumMemNet = 3 }, "memory_dim");
        Assert.Contains("multiple of mem_num_mem_net", e.Message);
        Fails(Parallel() with { MemNumMemNet = null }, "mem_num_mem_net");
    }

    [Fact]
    public void ParallelActionNetNeedsPowersOfTwo()
    {
        Fails(Parallel() with { ActionChunkDim = 1000 }, "action_chunk_dim");
        Fails(Parallel() with { MemoryDim = 8000, MemNumMemNet = 8 }, "memory_dim");
        Fails(Parallel() with { ActionChunkDim = null }, "action_chunk_dim");
    }

    [Fact]
    public void EmbeddingModelsNeedTheirEmbeddingDims()
    {
        Fails(Logic() with { ActionModel = "embdann" }, "action_embedding_dim");
        Fails(Logic() with { MemModel = "embmnnNA" }, "mem_embedding_dim");
        Fails(Logic() with { MemModel = "embWLmnnNA", MemEmbeddingDim = 96, MemNumIntermediateLayers = 2 }, "mem_intermediate_dim");
        (Logic() with { MemModel = "embWLmnnNA", MemEmbeddingDim = 96 }).Validate();
        (Logic() with { ActionModel = "embdann", ActionEmbeddingDim = 32, MemModel = "embmnn", MemEmbeddingDim = 32 }).Validate();
    }

    [Theory]
    [InlineData("glove:glove/glove.6B.300d.txt", true)]
    [InlineData("random:300", true)]
    [InlineData("learned:100", true)]
    [InlineData("random:0", false)]
    [InlineData("learned:abc", false)]
    [InlineData("glove:", false)]
    [InlineData("word2vec:x", false)]
    [InlineData("300", false)]
    public void PosEmbeddingForms(string value, bool ok)
    {
        ExperimentConfig c = Logic() with { PosEmbeddings = value };
        if (ok) c.Validate();
        else Fails(c, "pos_embeddings");
    }

    [Fact]
    public void SentencesTargetNeedsTheSourceFile()
    {
        Fails(Logic() with { SentencesFileTarget = "fr.txt" }, "sentences_file_target");
        (Logic() with { Dataset = "wmt2014-en-fr", SentencesFile = "en.txt", SentencesFileTarget = "fr.txt" }).Validate();
    }

    [Fact]
    public void DataFillsMissingDimensions()
    {
        ExperimentConfig c = Logic() with { InputDim = null, TargetDim = 0 };
        c.ValidateAgainstData(11, 11);
        Assert.Equal((11, 11), (c.InputDim, c.TargetDim));
    }

    [Fact]
    public void DataDisagreeingWithTheConfigFailsWithTheFix()
    {
        ExperimentConfig c = Logic() with { InputDim = 12 };
        var e = Assert.Throws<ConfigException>(() => c.ValidateAgainstData(11, 11));
        Assert.Equal("input_dim", e.Key);
        Assert.Contains("config says input_dim 12 but the data has 11 input symbols: set input_dim: 11 or remove it", e.Message);
        var t = Assert.Throws<ConfigException>(() => Logic().ValidateAgainstData(11, 49));
        Assert.Contains("set target_dim: 49 or remove it", t.Message);
    }
}
