using MannRl.Engine;

namespace MannRl.Models;

/// <summary>
/// The tensors of a network under PyTorch-style names (<c>linear.weight</c>, <c>norm.running_mean</c>, ...),
/// the names the original's state_dict used, filled while the network is built. Checkpoints save and load
/// through it.
/// </summary>
public sealed class NamedTensors
{
    private readonly Rng _rng;
    private readonly List<(string Name, Parameter Parameter)> _parameters = [];
    private readonly List<(string Name, BatchNorm1d Norm)> _norms = [];

    /// <summary>Creates an empty registry drawing initial weights from <paramref name="rng"/>.</summary>
    public NamedTensors(Rng rng) => _rng = rng;

    /// <summary>Trainable parameters with their names, in construction order.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> NamedParameters => _parameters;

    /// <summary>BatchNorm layers with their names (their running statistics are saved too).</summary>
    public IReadOnlyList<(string Name, BatchNorm1d Norm)> Norms => _norms;

    private Parameter[]? _parameterArray;

    /// <summary>All parameters, for the optimizer (the same array on every call once the net is built).</summary>
    public IReadOnlyList<Parameter> Parameters => _parameterArray ??= _parameters.Select(p => p.Parameter).ToArray();

    /// <summary>Creates and registers a Linear layer named <paramref name="name"/>.</summary>
    public Linear Linear(string name, int inFeatures, int outFeatures)
    {
        var l = new Linear(inFeatures, outFeatures, _rng);
        _parameterArray = null;
        _parameters.Add(($"{name}.weight", l.Weight));
        _parameters.Add(($"{name}.bias", l.Bias));
        return l;
    }

    /// <summary>Creates and registers an LSTM named <paramref name="name"/> (tensors <c>{name}.weight_ih_l0</c>, ...).</summary>
    public Lstm Lstm(string name, int inputSize, int hiddenSize, int layers)
    {
        var l = new Lstm(inputSize, hiddenSize, layers, _rng);
        _parameterArray = null;
        foreach (var p in l.Parameters) _parameters.Add(($"{name}.{p.Name}", p));
        return l;
    }

    /// <summary>Creates and registers a BatchNorm1d layer named <paramref name="name"/>.</summary>
    public BatchNorm1d Norm(string name, int features)
    {
        var n = new BatchNorm1d(features);
        _parameterArray = null;
        _parameters.Add(($"{name}.weight", n.Weight));
        _parameters.Add(($"{name}.bias", n.Bias));
        _norms.Add((name, n));
        return n;
    }

    /// <summary>Linear → BatchNorm1d → activation, named <c>{linear}</c> and <c>{norm}</c>.</summary>
    public Sequential Block(string linearName, string normName, int inFeatures, int outFeatures, ActivationKind activation)
    {
        var lin = Linear(linearName, inFeatures, outFeatures);
        var norm = Norm(normName, outFeatures);
        return new Sequential(lin, norm, Make(activation, outFeatures));
    }

    /// <summary>Creates an activation layer.</summary>
    public static Module Make(ActivationKind kind, int features) => kind switch
    {
        ActivationKind.ReLU => new ReLU(features),
        ActivationKind.SiLU => new SiLU(features),
        ActivationKind.Tanh => new Tanh(features),
        ActivationKind.Sigmoid => new Sigmoid(features),
        ActivationKind.Softmax => new Softmax(features),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Every saved tensor: parameters plus each norm's running_mean and running_var.</summary>
    public IEnumerable<(string Name, int[] Shape, float[] Data, int Length)> All()
    {
        foreach (var (name, p) in _parameters) yield return (name, p.Shape, p.Value, p.Length);
        foreach (var (name, n) in _norms)
        {
            yield return ($"{name}.running_mean", [n.Features], n.RunningMean, n.Features);
            yield return ($"{name}.running_var", [n.Features], n.RunningVar, n.Features);
        }
    }

    /// <summary>Marks every parameter changed after its values were overwritten (load).</summary>
    public void MarkAllChanged()
    {
        foreach (var (_, p) in _parameters) p.MarkChanged();
    }
}

/// <summary>The activations a network block may end with.</summary>
public enum ActivationKind
{
    /// <summary>max(x, 0).</summary>
    ReLU,
    /// <summary>x·σ(x) ("swish").</summary>
    SiLU,
    /// <summary>tanh.</summary>
    Tanh,
    /// <summary>σ.</summary>
    Sigmoid,
    /// <summary>Row softmax.</summary>
    Softmax,
}
