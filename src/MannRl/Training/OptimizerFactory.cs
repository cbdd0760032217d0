using MannRl.Config;
using MannRl.Engine;

namespace MannRl.Training;

/// <summary>The optimizer a config names (<c>action_optimizer</c>, <c>mem_optimizer</c>) over a net's parameters.</summary>
public static class OptimizerFactory
{
    /// <summary>A new optimizer of <paramref name="kind"/> at learning rate <paramref name="lr"/>.</summary>
    public static Optimizer Create(OptimizerKind kind, IReadOnlyList<Parameter> parameters, double lr) => kind switch
    {
        OptimizerKind.Adam => new Adam(parameters, (float)lr),
        OptimizerKind.Sgd => new Sgd(parameters, (float)lr),
        OptimizerKind.RmsProp => new RmsProp(parameters, (float)lr),
        _ => throw new InvalidOperationException($"no optimizer for {kind}"),
    };
}
