using MannRl.Config;
using MannRl.Engine;
using MannRl.Engine.Kernels;
using MannRl.Models;

namespace MannRl.Bench;

/// <summary>One Linear layer of a network as the trainer runs it.</summary>
/// <param name="Net">"action" or "memory".</param>
/// <param name="Layer">Tensor name without <c>.weight</c>.</param>
/// <param name="In">Input features.</param>
/// <param name="Out">Output features.</param>
/// <param name="Lookup">The input is one-hot and wide enough (<see cref="LinearForward.OneHotMinFeatures"/>) that
/// <see cref="Linear"/> looks the row up instead of multiplying: no product forward, a column scatter for dW.</param>
/// <param name="InputGradient">Backward computes dX (the full In width) as well as dW.</param>
public sealed record LinearShape(string Net, string Layer, int In, int Out, bool Lookup, bool InputGradient);

/// <summary>
/// One matrix product of the training step, in <see cref="Gemm.Multiply"/>'s terms (C m x n = op(A) m x k · B k x n),
/// and how many times one training step runs it on average (memory-net products are amortised over settle+history steps).
/// </summary>
public sealed record ProductUse(string Phase, string Layer, string Kind, int M, int N, int K, bool TransA, double PerStep)
{
    /// <summary>Floating-point operations of one call: 2·m·n·k (one multiply and one add per multiply-add).</summary>
    public double Flops => 2.0 * M * N * K;
}

/// <summary>
/// Counts the matrix products of one training step from the layer shapes of the built networks (read from their
/// named weight tensors, so the count follows the real nets). A Linear on r rows costs 2·r·in·out FLOPs forward; backward
/// 2·r·in·out for dW plus 2·r·in·out for dX where dX is computed (not for a net's first layer when its input is data);
/// a one-hot lookup costs no product. Counted per step: the action net forward + backward on <c>batch_size</c> rows, the
/// next-memory forward on <c>batch_size</c> rows, and <c>mem_train_iterations</c>/(settle+history) memory trainings of
/// two forwards + two backwards (one when <c>mem_target: detached</c>) on <c>mem_num_samples</c>·<c>batch_size</c>
/// rows. Not counted: bias, BatchNorm, activations, softmax, losses, gradient clipping, optimizer updates, copies
/// (all linear in the number of values, not products).
/// </summary>
public static class StepFlops
{
    /// <summary>The Linear layers of an action net.</summary>
    public static IReadOnlyList<LinearShape> ActionLinears(ActionNet net, bool oneHotInput)
    {
        var weights = Weights(net.Tensors);
        bool learned = weights.ContainsKey("input_embedding");
        var result = new List<LinearShape>();
        foreach (var (layer, (outF, inF)) in weights)
        {
            string last = layer[(layer.LastIndexOf('.') + 1)..];
            (bool lookup, bool dx) = last switch
            {
                "input_embedding" => (true, false),
                "emb_linear" => (oneHotInput && !learned && inF >= LinearForward.OneHotMinFeatures, learned),
                // flatdann's first layer reads cat(input, memory): data, unless a learned embedding sits in front.
                "linear" when net is FlatDann => (false, learned),
                "linear1" or "linear2" or "decision" => (false, true),
                // parallelActionNet: first-layer sub-nets need dX for their embedding, later ones for the layer below.
                "linear" when net is ParallelActionNet => (false, true),
                _ => throw new InvalidOperationException($"StepFlops: unknown action layer '{layer}' in {net.GetType().Name}"),
            };
            result.Add(new LinearShape("action", layer, inF, outF, lookup, dx));
        }
        return result;
    }

    /// <summary>The Linear layers of a memory-net (DenseMemoryNet alone or as the sub-nets of ParallelMemoryNet).</summary>
    public static IReadOnlyList<LinearShape> MemoryLinears(MemoryNet net, bool oneHotInput)
    {
        var weights = Weights(net.Tensors);
        bool learned = weights.ContainsKey("input_embedding");
        var result = new List<LinearShape>();
        foreach (var (layer, (outF, inF)) in weights)
        {
            if (layer == "input_embedding")
            {
                result.Add(new LinearShape("memory", layer, inF, outF, true, false));
                continue;
            }
            // Sub-net prefix ("memory_nets.3." inside parallelMemNetNA, "" alone) and the name inside the sub-net.
            int cut = layer.StartsWith("memory_nets.", StringComparison.Ordinal) ? layer.IndexOf('.', "memory_nets.".Length) + 1 : 0;
            string prefix = layer[..cut], local = layer[cut..];
            bool hasEmbedding = weights.ContainsKey(prefix + "emb_linear");
            bool hasHidden = weights.ContainsKey(prefix + "layers.0");
            bool needBase = hasEmbedding || learned; // DenseMemoryNet.CreateCoreContext
            (bool lookup, bool dx) = local switch
            {
                "emb_linear" => (oneHotInput && !learned && inF >= LinearForward.OneHotMinFeatures, learned),
                "layers.0" => (false, needBase),
                "linear" => (false, needBase || hasHidden),
                _ when local.StartsWith("layers.", StringComparison.Ordinal) => (false, true),
                _ => throw new InvalidOperationException($"StepFlops: unknown memory layer '{layer}' in {net.GetType().Name}"),
            };
            result.Add(new LinearShape("memory", layer, inF, outF, lookup, dx));
        }
        return result;
    }

    /// <summary>Every product of one training step with its calls per step.</summary>
    public static IReadOnlyList<ProductUse> Products(ExperimentConfig c, IReadOnlyList<LinearShape> action, IReadOnlyList<LinearShape> memory)
    {
        int b = c.BatchSize, rows = c.MemNumSamples * c.BatchSize;
        double trainingsPerStep = (double)c.MemTrainIterations / (c.Settle + c.History);
        double backwardsPerTraining = c.MemTargetKind == TdTarget.Detached ? 1 : 2;
        var uses = new List<ProductUse>();
        foreach (var l in action) AddLayer(uses, "action step", l, b, forwards: 1, backwards: 1);
        foreach (var l in memory) AddLayer(uses, "memory training", l, rows, forwards: 2 * trainingsPerStep, backwards: backwardsPerTraining * trainingsPerStep);
        foreach (var l in memory) AddLayer(uses, "next memory", l, b, forwards: 1, backwards: 0);
        return uses;
    }

    /// <summary>Memory-net trainings per step when every epoch is long: <c>mem_train_iterations</c>/(settle+history).</summary>
    public static double NominalTrainingsPerStep(ExperimentConfig c) => (double)c.MemTrainIterations / (c.Settle + c.History);

    private static void AddLayer(List<ProductUse> uses, string phase, LinearShape l, int rows, double forwards, double backwards)
    {
        string layer = $"{l.Net}:{l.Layer}";
        if (!l.Lookup && forwards > 0) uses.Add(new(phase, layer, "forward", rows, l.Out, l.In, false, forwards));
        if (backwards <= 0) return;
        if (!l.Lookup) uses.Add(new(phase, layer, "dW", l.Out, l.In, rows, true, backwards));
        if (l.InputGradient) uses.Add(new(phase, layer, "dX", rows, l.In, l.Out, false, backwards));
    }

    // layer name -> (out, in) of every 2-D ".weight" tensor (Linear layers; BatchNorm weights are 1-D), in build order.
    private static List<KeyValuePair<string, (int Out, int In)>> WeightsList(NamedTensors tensors) =>
        tensors.NamedParameters
            .Where(p => p.Name.EndsWith(".weight", StringComparison.Ordinal) && p.Parameter.Shape.Length == 2)
            .Select(p => new KeyValuePair<string, (int, int)>(p.Name[..^".weight".Length], (p.Parameter.Shape[0], p.Parameter.Shape[1])))
            .ToList();

    private static OrderedDictionary<string, (int Out, int In)> Weights(NamedTensors tensors) => new(WeightsList(tensors));
}
