using MannRl.Config;
using MannRl.Engine;

namespace MannRl.Training;

/// <summary>The optimizer a config names (<c>action_optimizer</c>, <c>mem_optimizer</c>) over a net's parameters.</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// A new optimizer of <paramref name="kind"/> at learning rate <paramref name="lr"/>, its updates on the threads
    /// <paramref name="compute"/> allows.
    /// </summary>
    public static Optimizer Create(OptimizerKind kind, IReadOnlyList<Parameter> parameters, double lr, Compute compute) => kind switch
    {
        OptimizerKind.Adam => new Adam(parameters, (float)lr) { Compute = compute },
        OptimizerKind.Sgd => new Sgd(parameters, (float)lr) { Compute = compute },
        OptimizerKind.RmsProp => new RmsProp(parameters, (float)lr) { Compute = compute },
        _ => throw new InvalidOperationException($"no optimizer for {kind}"),
    };
}
