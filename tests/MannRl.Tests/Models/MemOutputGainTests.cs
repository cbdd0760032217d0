using MannRl.Config;
using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Tests.Models;

/// <summary><c>mem_output_gain</c>: the initial weight of the memory-net's output BatchNorm.</summary>
public class MemOutputGainTests
{
    private static MannNetworks Build(double gain, string memModel = "flatmnnNA")
    {
        var c = ConfigLoader.BuiltIn(Experiment.DefaultConfig).Config with { MemOutputGain = gain, MemModel = memModel, MemEmbeddingDim = 8 };
        c.Validate();
        return MannNetworks.Create(c, 11, 11, null, new Rng(c.Seed));
    }

    [Fact]
    public void TheOutputNormStartsAtTheGainAndEverythingElseAsWithout()
    {
        var plain = Build(1, "embmnnNA").Memory.Tensors;
        var scaled = Build(2.5, "embmnnNA").Memory.Tensors;
        var norms = scaled.Norms.ToDictionary(n => n.Name, n => n.Norm);
        Assert.All(norms["norm"].Weight.Values.ToArray(), w => Assert.Equal(2.5f, w));
        Assert.All(norms["emb_norm"].Weight.Values.ToArray(), w => Assert.Equal(1f, w)); // the input embedding's norm is not the output
        foreach (var ((name, p), (_, q)) in plain.NamedParameters.Zip(scaled.NamedParameters))
            if (name != "norm.weight") Assert.Equal(p.Values.ToArray(), q.Values.ToArray());
    }

    [Fact]
    public void GainOneIsTheDefaultInitialisation()
    {
        var a = Build(1).Memory.Tensors.NamedParameters.Select(t => t.Item2.Values.ToArray());
        var c = ConfigLoader.BuiltIn(Experiment.DefaultConfig).Config;
        var b = MannNetworks.Create(c, 11, 11, null, new Rng(c.Seed)).Memory.Tensors.NamedParameters.Select(t => t.Item2.Values.ToArray());
        Assert.Equal(b, a);
    }
}
