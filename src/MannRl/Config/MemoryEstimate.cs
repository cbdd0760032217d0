using System.Globalization;

namespace MannRl.Config;

/// <summary>
/// The memory a config needs, estimated from its keys before anything is allocated: the nets (weights, gradients,
/// transposed copies), their optimizer state, the replay history, the training batches, the evaluation buffers,
/// the data and the runtime. Generous rather than exact, so that a config refused by <see cref="EnsureFits"/> could
/// not have run, and a config that fits is never refused. Widths the config leaves to the data are taken as the
/// largest the task uses unless the caller knows them.
/// </summary>
/// <param name="Parts">What the memory goes to, largest first.</param>
public sealed record MemoryEstimate(IReadOnlyList<MemoryEstimate.Part> Parts)
{
    private const double MiB = 1024 * 1024;

    /// <summary>The largest number of elements one .NET array may hold (<see cref="Array.MaxLength"/>).</summary>
    public static long ArrayLimit => Array.MaxLength;

    /// <summary>One share of the estimate.</summary>
    /// <param name="Name">What it is, e.g. "replay history".</param>
    /// <param name="Bytes">Its bytes (saturated at <see cref="long.MaxValue"/>).</param>
    /// <param name="LargestArray">Elements of its largest single array.</param>
    /// <param name="Keys">The config keys that size it, for the fix.</param>
    public sealed record Part(string Name, long Bytes, long LargestArray, string Keys);

    /// <summary>The whole estimate in bytes (saturated at <see cref="long.MaxValue"/>).</summary>
    public long TotalBytes => Saturate(Parts.Sum(p => (double)p.Bytes));

    /// <summary>
    /// The memory what the process may use: the GC's limit (a container's or <c>DOTNET_GCHeapHardLimit</c>), else the
    /// machine's physical memory.
    /// </summary>
    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// The estimate for training <paramref name="config"/> (and evaluating at its <c>eval_batch_size</c>);
    /// <paramref name="inputDim"/> and <paramref name="targetDim"/> are the data's widths when known.
    /// </summary>
    public static MemoryEstimate Of(ExperimentConfig config, int? inputDim = null, int? targetDim = null) =>
        new Builder(config, inputDim, targetDim).Training();

    /// <summary>The estimate for evaluating a trained <paramref name="config"/> at <paramref name="batchSize"/> rows.</summary>
    public static MemoryEstimate ForEvaluation(ExperimentConfig config, int inputDim, int targetDim, int batchSize) =>
        new Builder(config, inputDim, targetDim).Evaluation(batchSize);

    /// <summary>
    /// Throws a <see cref="ConfigException"/> naming the figure, its largest part and the keys to lower when the
    /// estimate exceeds <paramref name="availableBytes"/> (default <see cref="AvailableBytes"/>) or one array would be
    /// larger than .NET allows.
    /// </summary>
    public void EnsureFits(string source, long? availableBytes = null)
    {
        var widest = Parts.MaxBy(p => p.LargestArray)!;
        if (widest.LargestArray > ArrayLimit)
            throw new ConfigException(source, null, null,
                $"the {widest.Name} would need one array of {Count(widest.LargestArray)} values, more than .NET's limit of "
                + $"{Count(ArrayLimit)}; lower {widest.Keys}");
        long available = availableBytes ?? AvailableBytes;
        if (TotalBytes <= available) return;
        var largest = Parts[0];
        throw new ConfigException(source, null, null,
            $"this config needs about {Bytes(TotalBytes)} of memory ({largest.Name} {Bytes(largest.Bytes)}) but the process may use "
            + $"{Bytes(available)}; lower {largest.Keys}");
    }

    /// <summary>
    /// The memory to ask a scheduler for (Slurm's <c>--mem</c>), in MiB: the estimate plus half again and 256 MiB for what
    /// it leaves out (the runtime's native memory and JIT code, the GC's slack between collections), rounded up to
    /// 256 MiB. A scheduler kills a task at its limit, so the request errs on the large side. In doubles, so that a
    /// saturated estimate gives a large request, not an overflow.
    /// </summary>
    public long SchedulerRequestMiB() => (long)(Math.Ceiling((TotalBytes * 1.5 / MiB + 256) / 256) * 256);

    /// <summary>One line: the total and each part, e.g. <c>about 38 MiB (replay history 20 MiB, ...)</c>.</summary>
    public override string ToString() =>
        $"about {Bytes(TotalBytes)} ({string.Join(", ", Parts.Where(p => p.Bytes > 0).Select(p => $"{p.Name} {Bytes(p.Bytes)}"))})";

    /// <summary>Bytes in the unit that suits them: <c>512 B</c>, <c>3.2 MiB</c>, <c>1.5 GiB</c>, <c>4.0e+03 TiB</c>.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        int u = 0;
        while (value >= 1024 && u < units.Length - 1) { value /= 1024; u++; }
        string number = u == 0 ? value.ToString("F0", CultureInfo.InvariantCulture)
            : value >= 1e4 ? value.ToString("0.0e+00", CultureInfo.InvariantCulture)
            : value.ToString(value < 10 ? "F1" : "F0", CultureInfo.InvariantCulture);
        return $"{number} {units[u]}";
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static long Saturate(double bytes) => bytes >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(bytes);

    /// <summary>The arithmetic, in doubles so that no product of config values overflows.</summary>
    private sealed class Builder
    {
        private readonly ExperimentConfig _c;
        private readonly double _in, _t, _m, _seqLength, _dataBytes;
        private readonly List<Part> _parts = [];

        public Builder(ExperimentConfig c, int? inputDim, int? targetDim)
        {
            _c = c;
            _m = Math.Max(1, c.MemoryDim);
            (double input, double target, _seqLength, _dataBytes) = TaskShape(c);
            _in = inputDim ?? (c.InputDim is > 0 ? c.InputDim.Value : input);
            _t = targetDim ?? (c.TargetDim is > 0 ? c.TargetDim.Value : target);
            // A learned embedding reads one-hot word ids: the input is the vocabulary, the nets see DIM after a lookup.
        }

        public MemoryEstimate Training()
        {
            double b = Math.Max(1, _c.BatchSize);
            Nets(out double parameters, out double largestWeight);
            Add("nets", 3 * 4 * parameters, largestWeight, WidthKeys);
            double moments = (Moments(_c.ActionOptimizerKind) + Moments(_c.MemOptimizerKind)) / 2;
            Add("optimizer state", moments * 4 * parameters, largestWeight, WidthKeys);
            if (_c.ModelKind == LearnerKind.Lstm)
            {
                double rows = b * _seqLength;
                double h = Math.Max(1, _c.LstmHiddenDim), layers = Math.Max(1, _c.LstmLayers);
                // Per layer: gates (4H), cells, their tanh and hidden (3H), and the same again for the backward pass; the
                // products' workspace, reserved for the longest batch (4H or the widest operand per row).
                Add("training batches", 4 * rows * (2 * layers * 7 * h + Math.Max(4 * h, Math.Max(_in, _t)) + 2 * _in + 3 * _t), rows * 4 * h, "batch_size, lstm_hidden_dim");
                Add("evaluation buffers", 4 * Math.Max(1, _c.EvalBatchSize) * _seqLength * (layers * 7 * h + _in + 3 * _t),
                    Math.Max(1, _c.EvalBatchSize) * _seqLength * 4 * h, "eval_batch_size, lstm_hidden_dim");
            }
            else
            {
                double h = Math.Max(2, _c.History);
                double widths = _in + _m + _t;
                // Twice the ring: the resume state written at every epoch end holds a copy of it.
                Add("replay history", 2 * h * b * (4 * widths + 9), h * b * Math.Max(_in, Math.Max(_m, _t)), "history, batch_size, memory_dim");
                double rows = Math.Max(1, _c.MemNumSamples) * b;
                // The replayed transitions (two steps each) and the memory-net's TD contexts (two forwards, one backward).
                Add("training batches", 4 * (rows * (2 * widths + 3 * _m + 2 * MemoryNetActivations()) + b * (2 * widths + ActionNetActivations())),
                    rows * Math.Max(MemoryNetBase() + MemoryNetHidden(), _m), "mem_num_samples, batch_size, memory_dim");
                EvaluationBuffers(Math.Max(1, _c.EvalBatchSize));
            }
            Add("data", _dataBytes, 0, DataKeys);
            Add("runtime", 64 * MiB, 0, "nothing (the .NET runtime)");
            return Finish();
        }

        public MemoryEstimate Evaluation(int batchSize)
        {
            Nets(out double parameters, out double largestWeight);
            Add("nets", 2 * 4 * parameters, largestWeight, WidthKeys);
            if (_c.ModelKind == LearnerKind.Lstm)
            {
                double h = Math.Max(1, _c.LstmHiddenDim), layers = Math.Max(1, _c.LstmLayers);
                Add("evaluation buffers", 4.0 * batchSize * _seqLength * (layers * 7 * h + _in + 3 * _t), (double)batchSize * _seqLength * 4 * h, "--batch-size");
            }
            else
            {
                EvaluationBuffers(batchSize, "--batch-size");
            }
            Add("data", _dataBytes, 0, DataKeys);
            Add("runtime", 64 * MiB, 0, "nothing (the .NET runtime)");
            return Finish();
        }

        private void EvaluationBuffers(double rows, string keys = "eval_batch_size")
        {
            // Slot memories, inputs and the memory gathered for the step, the action net's and memory-net's activations.
            Add("evaluation buffers", 4 * rows * (_in + 3 * _m + _t + ActionNetActivations() + MemoryNetActivations()),
                rows * Math.Max(MemoryNetBase() + MemoryNetHidden(), Math.Max(_in + _m, _m)), keys);
        }

        private MemoryEstimate Finish() => new(_parts.OrderByDescending(p => p.Bytes).ToArray());

        private void Add(string name, double bytes, double largestArray, string keys) =>
            _parts.Add(new Part(name, Saturate(bytes), Saturate(largestArray), keys));

        private string WidthKeys => _c.ModelKind == LearnerKind.Lstm
            ? "lstm_hidden_dim, lstm_layers"
            : "memory_dim (or the embedding and intermediate widths)";

        private string DataKeys => _c.DatasetKind switch
        {
            DatasetKind.Logic => "logic_count",
            DatasetKind.Copy or DatasetKind.RepeatCopy or DatasetKind.AssociativeRecall => "task_train_size, task_lengths",
            DatasetKind.Udpos => "pos_embeddings",
            DatasetKind.Symbols => "the size of data_file",
            _ => "wmt_train_truncate_size",
        };

        private static double Moments(OptimizerKind kind) => kind == OptimizerKind.Adam ? 2 : 1;

        /// <summary>Parameters of both nets and the largest single weight matrix.</summary>
        private void Nets(out double parameters, out double largest)
        {
            if (_c.ModelKind == LearnerKind.Lstm)
            {
                double h = Math.Max(1, _c.LstmHiddenDim), layers = Math.Max(1, _c.LstmLayers);
                double first = 4 * h * (_in + h + 2);
                parameters = first + (layers - 1) * 4 * h * (2 * h + 2) + h * _t + _t;
                largest = Math.Max(4 * h * Math.Max(_in, h), h * _t);
                return;
            }
            var (action, actionLargest) = ActionNet();
            var (memory, memoryLargest) = MemoryNet();
            parameters = action + memory + EmbeddingLookup();
            largest = Math.Max(actionLargest, memoryLargest);
        }

        /// <summary>A learned input embedding (pos_embeddings learned:DIM): a vocabulary x DIM table per net.</summary>
        private double EmbeddingLookup() => _c.PosEmbeddingsSpec is { Kind: PosEmbeddingKind.Learned, Dimension: int d } ? 2.0 * _in * d : 0;

        private double NetInput => _c.PosEmbeddingsSpec is { Kind: PosEmbeddingKind.Learned, Dimension: int d } ? d : _in;

        private (double Count, double Largest) ActionNet()
        {
            double x = NetInput, m = _m, t = _t, e = Math.Max(1, _c.ActionEmbeddingDim ?? 1);
            switch (_c.ActionModelKind)
            {
                case ActionModelKind.EmbDann:
                    return (x * e + 2 * (e + m) * (e + m) + (e + m) * t + 4 * (e + m + t), Math.Max((e + m) * (e + m), x * e));
                case ActionModelKind.ParallelActionNet:
                    {
                        double chunk = Math.Max(1, _c.ActionChunkDim ?? m), first = Math.Max(1, m / (2 * chunk));
                        // A tree of sub-nets: the first layer's embed the input and read two chunks each; each later layer
                        // halves the count (together about as many nets again, without embeddings).
                        double firstLayer = first * (x * e + (e + 2 * chunk) * chunk + 4 * (e + chunk));
                        double later = first * (2 * chunk * chunk + 4 * chunk);
                        return (firstLayer + later + chunk * t + 4 * t, Math.Max((e + 2 * chunk) * chunk, Math.Max(x * e, chunk * t)));
                    }
                default:
                    return ((x + m) * (x + m) + (x + m) * t + 4 * (x + m + t), Math.Max((x + m) * (x + m), (x + m) * t));
            }
        }

        private double MemoryNetBase() => (_c.MemEmbeddingDim is > 0 ? _c.MemEmbeddingDim.Value : NetInput) + _m + _t;

        private double MemoryNetHidden() => Math.Max(0, _c.MemIntermediateDim) * Math.Max(0, _c.MemNumIntermediateLayers);

        private (double Count, double Largest) MemoryNet()
        {
            double x = NetInput, m = _m, e = _c.MemEmbeddingDim is > 0 ? _c.MemEmbeddingDim.Value : 0;
            double k = Math.Max(0, _c.MemIntermediateDim), layers = Math.Max(0, _c.MemNumIntermediateLayers);
            double embedding = e > 0 ? x * e : 0;
            if (_c.MemModelKind == MemoryModelKind.ParallelMemNetNA)
            {
                double nets = Math.Max(1, _c.MemNumMemNet ?? 1), chunk = m / nets;
                double width = (e > 0 ? e : x) + 2 * chunk;
                double perNet = embedding + layers * (width + layers * k) * k + (width + layers * k) * chunk + 4 * (width + k + chunk);
                return (nets * perNet, Math.Max(embedding, (width + layers * k) * Math.Max(k, chunk)));
            }
            double baseWidth = MemoryNetBase();
            double widest = baseWidth + layers * k;
            double count = embedding + layers * widest * k + widest * m + 4 * (widest + m);
            return (count, Math.Max(embedding, widest * Math.Max(k, m)));
        }

        /// <summary>Floats of activations per row of the memory-net (inputs, layers and their gradients).</summary>
        private double MemoryNetActivations() => 4 * (MemoryNetBase() + MemoryNetHidden() * 2 + _m);

        /// <summary>Floats of activations per row of the action net.</summary>
        private double ActionNetActivations()
        {
            double e = Math.Max(0, _c.ActionEmbeddingDim ?? 0);
            return 4 * (NetInput + e + _m) + 6 * _t + (_c.ActionModelKind == ActionModelKind.ParallelActionNet ? 8 * _m : 0);
        }

        /// <summary>
        /// The widths a task's data has when the config does not give them, its longest sequence (for the LSTM's
        /// batches) and the memory its data takes.
        /// </summary>
        private static (double Input, double Target, double SequenceLength, double DataBytes) TaskShape(ExperimentConfig c)
        {
            switch (c.DatasetKind)
            {
                case DatasetKind.Logic:
                    {
                        double length = 2.0 * Math.Max(1, c.LogicOperands.Max) + 4;
                        return (11, 11, length, 16 * MiB + Math.Max(0, c.LogicCount) * length * 24);
                    }
                case DatasetKind.Copy or DatasetKind.RepeatCopy or DatasetKind.AssociativeRecall:
                    {
                        double length = 2.0 * Math.Max(Math.Max(1, c.TaskLengths.Max), c.TaskEvalLengths.Max) * (Math.Max(c.TaskRepeats.Max, c.TaskEvalRepeats.Max) + 1) + 4;
                        double sequences = Math.Max(0, c.TaskTrainSize) + 2.0 * Math.Max(0, c.TaskEvalSize);
                        return (c.TaskAlphabet + 16, c.TaskAlphabet + 16, length, 16 * MiB + sequences * length * 24);
                    }
                case DatasetKind.Udpos:
                    {
                        var emb = c.PosEmbeddingsSpec;
                        // GloVe's 6B files hold 400k words; the train vocabulary of UD EWT is about 20k.
                        double dim = emb?.Dimension ?? 300, words = emb is null or { Kind: PosEmbeddingKind.Glove } ? 400_000 : 20_000;
                        double input = emb is { Kind: PosEmbeddingKind.Learned } ? 25_000 : dim;
                        return (input, 50, 200, 256 * MiB + words * dim * 4 * 2);
                    }
                default:
                    return (128, 128, 400, 256 * MiB);
            }
        }
    }
}
