using MannRl.Config;

namespace MannRl.Tests.Config;

public class ConfigLoaderTests
{
    [Theory]
    [MemberData(nameof(OriginalConfigs.All), MemberType = typeof(OriginalConfigs))]
    public void EveryOriginalFileLoads(string name, string yaml)
    {
        LoadedConfig loaded = ConfigLoader.Parse(yaml, name);
        Assert.Equal(name, loaded.Config.Source);
    }

    [Fact]
    public void LogicBestReadsEveryValue()
    {
        LoadedConfig loaded = ConfigLoader.Parse(OriginalConfigs.LogicMBest, "logic_m_best.yaml");
        ExperimentConfig c = loaded.Config;
        Assert.Empty(loaded.Warnings);
        Assert.Equal("logic", c.Dataset);
        Assert.Equal(11, c.InputDim);
        Assert.Equal(11, c.TargetDim);
        Assert.Equal(-1, c.TrainEvalTruncateSize);
        Assert.Equal(10, c.EvalInterval);
        Assert.Equal((12, 12), (c.History, c.Settle));
        Assert.True(c.UseSwish);
        Assert.Equal(("flatdann", "flatmnnNA"), (c.ActionModel, c.MemModel));
        Assert.Equal((72, 16, 256), (c.Epochs, c.BatchSize, c.EvalBatchSize));
        Assert.Equal(("adam", 0.001, (double?)1.0), (c.ActionOptimizer, c.ActionLearningRate, c.ActionClipping));
        Assert.Equal(("rmsprop", 0.00001, (double?)1.0), (c.MemOptimizer, c.MemLearningRate, c.MemClipping));
        Assert.Equal((48, 1, 8), (c.MemoryDim, c.MemTrainIterations, c.MemNumSamples));
        Assert.Equal((0.99, 3.0), (c.MemGamma, c.MemDampenLosses));
        Assert.Null(c.MemL1);
        Assert.Null(c.SavePoint);
        Assert.Null(c.ActionLrRateDecay);
        c.Validate();
    }

    [Fact]
    public void OldKeysGammaAndDampenLossesAreAliasesWithWarnings()
    {
        LoadedConfig loaded = ConfigLoader.Parse(OriginalConfigs.Wmt2014EnMBest, "wmt2014_en_m_best.yaml");
        Assert.Equal(0.99, loaded.Config.MemGamma);
        Assert.Equal(8.0, loaded.Config.MemDampenLosses);
        Assert.Equal(new Curriculum(2000, 500), loaded.Config.WmtCurriculum);
        Assert.Equal(2, loaded.Warnings.Count);
        Assert.Contains(loaded.Warnings, w => w.Contains("'gamma'") && w.Contains("mem_gamma") && w.Contains("line 39"));
        Assert.Contains(loaded.Warnings, w => w.Contains("'dampen_losses'") && w.Contains("mem_dampen_losses"));
        loaded.Config.Validate();
    }

    [Fact]
    public void AliasAndNewKeyWithTheSameValueWarn()
    {
        LoadedConfig loaded = ConfigLoader.Parse("{ \"mem_gamma\": 0.9, \"gamma\": 0.9 }", "a.yaml");
        Assert.Equal(0.9, loaded.Config.MemGamma);
        Assert.Single(loaded.Warnings);
    }

    [Fact]
    public void AliasAndNewKeyWithDifferentValuesFail()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("mem_gamma: 0.9\ngamma: 0.99\n", "a.yaml"));
        Assert.Equal("gamma", e.Key);
        Assert.Contains("a.yaml", e.Message);
        Assert.Contains("mem_gamma", e.Message);
        Assert.Contains("remove 'gamma'", e.Message);
    }

    [Fact]
    public void KeysTheOriginalNeverReadAreIgnoredWithWarnings()
    {
        LoadedConfig loaded = ConfigLoader.Parse(OriginalConfigs.Logic, "logic.yaml");
        string[] ignored = ["alternate", "time_dim", "reinforcement_rate", "rr_decay"];
        Assert.Equal(ignored.Length, loaded.Warnings.Count);
        foreach (string key in ignored)
            Assert.Contains(loaded.Warnings, w => w.Contains($"'{key}'") && w.Contains("ignored") && w.Contains("logic.yaml"));
        Assert.Equal(1, loaded.Config.History);
        Assert.Equal(16, loaded.Config.MemoryDim);

        LoadedConfig noted = ConfigLoader.Parse(OriginalConfigs.Wmt2014EnM5k, "5k.yaml");
        Assert.Contains(noted.Warnings, w => w.Contains("'note'"));
    }

    [Fact]
    public void LrDecayAcceptsBothForms()
    {
        ExperimentConfig two = ConfigLoader.Parse(OriginalConfigs.UdposMBest, "u.yaml").Config;
        Assert.Equal(new LrDecay([100, 150], 0.5), two.MemLrRateDecay);
        ExperimentConfig one = ConfigLoader.Parse("{ \"action_lr_rate_decay\": [100, 0.5] }", "u.yaml").Config;
        Assert.Equal(new LrDecay([100], 0.5), one.ActionLrRateDecay);
        Assert.Null(one.MemLrRateDecay);
    }

    [Fact]
    public void UnknownKeyNamesTheClosestKnownKeyAndTheLine()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("{\n  \"dataset\": \"logic\",\n  \"histroy\": 12\n}", "x.yaml"));
        Assert.Equal("histroy", e.Key);
        Assert.Equal(3, e.Line);
        Assert.Contains("x.yaml, line 3", e.Message);
        Assert.Contains("'history'", e.Message);
        Assert.Contains("fix the spelling or remove the key", e.Message);

        var lr = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("mem_learnig_rate: 0.1", "x.yaml"));
        Assert.Contains("'mem_learning_rate'", lr.Message);
    }

    [Theory]
    [InlineData("history: 12.5", "an integer", "12.5 (a decimal number)")]
    [InlineData("history: \"12\"", "an integer", "\"12\" (a string)")]
    [InlineData("use_swish: yes", "true or false", "yes (a string)")]
    [InlineData("action_model: 3", "a string", "3 (an integer)")]
    [InlineData("action_learning_rate: fast", "a number", "fast (a string)")]
    [InlineData("mem_lr_rate_decay: 0.5", "[[milestones...], gamma]", "0.5 (a decimal number)")]
    [InlineData("mem_lr_rate_decay: [[100, 1.5], 0.5]", "[[milestones...], gamma]", "1.5 (a decimal number)")]
    [InlineData("wmt_curriculum: [2000]", "[milestone, chunk]", "[2000] (a list)")]
    [InlineData("history: null", "an integer", "null")]
    [InlineData("seed: -1", "a non-negative integer", "-1 (an integer)")]
    public void WrongTypeNamesTheExpectedTypeAndTheValue(string yaml, string expected, string seen)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "t.yaml"));
        Assert.Contains("t.yaml, line 1", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains(seen, e.Message);
    }

    [Fact]
    public void NullMeansOffForOptionalKeys()
    {
        ExperimentConfig c = ConfigLoader.Parse("action_clipping: null\nmem_l1: ~\nwmt_curriculum: null\nsave_point:\n", "n.yaml").Config;
        Assert.Null(c.ActionClipping);
        Assert.Null(c.MemL1);
        Assert.Null(c.WmtCurriculum);
        Assert.Null(c.SavePoint);
    }

    [Theory]
    [InlineData("exp_dir")]
    [InlineData("device")]
    public void ReservedKeysFail(string key)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($"{{ \"{key}\": \"x\" }}", "r.yaml"));
        Assert.Equal(key, e.Key);
        Assert.Contains("reserved", e.Message);
        Assert.Contains("remove it", e.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "a list")]
    [InlineData("just text", "the value just text")]
    [InlineData("", "empty")]
    [InlineData("# only a comment\n", "empty")]
    [InlineData("{ \"history\": 12 ", "not valid YAML")]
    [InlineData("history: 12\n---\nsettle: 3\n", "more than one YAML document")]
    [InlineData("history: 12\nhistory: 13\n", "twice")]
    public void FilesThatAreNotOneMappingFail(string yaml, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "bad.yaml"));
        Assert.StartsWith("bad.yaml", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void ARepeatedKeyIsNamedWithItsLine()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("{ \"history\": 12,\n  \"settle\": [1, 2],\n  \"history\": 13 }", "d.yaml"));
        Assert.Equal("history", e.Key);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void LoadReadsAFileAndNamesAMissingOne()
    {
        string dir = Directory.CreateTempSubdirectory("mannrl-config").FullName;
        try
        {
            string path = Path.Combine(dir, "mine.yaml");
            File.WriteAllText(path, "history: 20\nmem_num_samples: 4\n");
            LoadedConfig loaded = ConfigLoader.Load(path);
            Assert.Equal(20, loaded.Config.History);
            Assert.Equal("mine.yaml", loaded.Config.Source);

            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Path.Combine(dir, "none.yaml")));
            Assert.Contains("none.yaml", e.Message);
            Assert.Contains("does not exist", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void OverridesAreTypeCheckedLikeTheFile()
    {
        ExperimentConfig baseConfig = ConfigLoader.BuiltIn("logic/logic_m_best").Config;
        LoadedConfig over = ConfigLoader.ApplyOverrides(baseConfig,
            ["history=16", "mem_lr_rate_decay=[[100,150],0.5]", "action_clipping=null", "gamma=0.9", "note=hello"]);
        Assert.Equal(16, over.Config.History);
        Assert.Equal(new LrDecay([100, 150], 0.5), over.Config.MemLrRateDecay);
        Assert.Null(over.Config.ActionClipping);
        Assert.Equal(0.9, over.Config.MemGamma);
        Assert.Equal(2, over.Warnings.Count);
        Assert.Equal(12, baseConfig.History);

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ApplyOverrides(baseConfig, ["histroy=3"]));
        Assert.Contains("'history'", e.Message);
        Assert.Throws<ConfigException>(() => ConfigLoader.ApplyOverrides(baseConfig, ["history"]));
        Assert.Throws<ConfigException>(() => ConfigLoader.ApplyOverrides(baseConfig, ["history=abc"]));
    }

    [Fact]
    public void EveryKeyHasOnePropertyAndEveryPropertyOneKey()
    {
        var properties = typeof(ExperimentConfig).GetProperties()
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.Name != nameof(ExperimentConfig.Source) && p.Name != "EqualityContract")
            .Select(p => p.Name)
            .Order()
            .ToArray();
        Assert.Equal(properties, ConfigKeys.Known.Select(ConfigKeys.PropertyName).Order().ToArray());
        Assert.Equal(ConfigKeys.Known.Count, ConfigKeys.Known.Distinct().Count());
        Assert.Equal("MemL1", ConfigKeys.PropertyName("mem_l1"));
        Assert.Equal("ActionLrRateDecay", ConfigKeys.PropertyName("action_lr_rate_decay"));
    }
}
