using MannRl.Checkpoints;
using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Evaluation;
using MannRl.Models;

namespace MannRl.Runs;

/// <summary>A run directory read back for evaluation: its config, its data and the networks of one checkpoint.</summary>
/// <param name="RunDir">The run directory as given.</param>
/// <param name="CheckpointName">The checkpoint loaded, e.g. <c>t71</c>.</param>
/// <param name="Config">The run's effective config.</param>
/// <param name="Data">The run's data set.</param>
/// <param name="Networks">MANN-RL's nets (model mann-rl, no-memory or frozen-memory), built as training built them, with the
/// checkpoint's tensors; null for the LSTM baseline.</param>
/// <param name="Lstm">The LSTM baseline's net (model lstm) with the checkpoint's tensors, else null.</param>
public sealed record SavedRun(string RunDir, string CheckpointName, ExperimentConfig Config, SequenceDataset Data, MannNetworks? Networks, LstmNet? Lstm)
{
    /// <summary>
    /// Opens <paramref name="runDir"/> at <paramref name="checkpoint"/> (null: the newest). The data comes from
    /// <paramref name="dataDir"/> when given, else from the directory recorded in run.json, else the default one.
    /// </summary>
    /// <exception cref="RunDirectoryException">Not a run directory, no checkpoint, or no such checkpoint.</exception>
    public static SavedRun Open(string runDir, string? dataDir, string? checkpoint)
    {
        if (!Directory.Exists(runDir)) throw new RunDirectoryException($"run directory '{runDir}' does not exist; pass the RUNDIR given to 'mannrl train'");
        var configPath = Path.Combine(runDir, RunFiles.Config);
        if (!File.Exists(configPath)) throw new RunDirectoryException($"'{runDir}' has no {RunFiles.Config}; is it a run directory written by 'mannrl train'?");
        var config = ConfigLoader.Load(configPath).Config;
        var checkpoints = Path.Combine(runDir, RunFiles.Checkpoints);
        var name = checkpoint ?? Latest(checkpoints)
            ?? throw new RunDirectoryException($"'{runDir}' has no checkpoint yet (checkpoints are saved at evaluations); train longer or pass another run");
        if (!Checkpoint.List(checkpoints).Contains(name))
            throw new RunDirectoryException($"no checkpoint '{name}' in '{checkpoints}'; available: {string.Join(", ", Checkpoint.List(checkpoints))}");
        var data = Experiment.LoadData(config, dataDir ?? RecordedDataDir(runDir, config) ?? DataDirectory.Resolve(null), null, training: false);
        if (config.ModelKind == LearnerKind.Lstm)
        {
            var lstm = LstmNet.Create(config, data.InputDim, data.TargetDim, data.LearnedEmbeddingDim, new Rng(config.Seed));
            Checkpoint.Load(checkpoints, name, [new CheckpointPart("action", lstm.Tensors)]);
            CheckFinite(checkpoints, name, "action", lstm.Tensors);
            return new SavedRun(runDir, name, config, data, null, lstm);
        }
        var networks = MannNetworks.Create(config, data.InputDim, data.TargetDim, data.LearnedEmbeddingDim, new Rng(config.Seed));
        Checkpoint.Load(checkpoints, name, networks.Action, networks.Memory);
        CheckFinite(checkpoints, name, "action", networks.Action.Tensors);
        if (config.ModelKind != LearnerKind.NoMemory) CheckFinite(checkpoints, name, "memory", networks.Memory.Tensors);
        return new SavedRun(runDir, name, config, data, networks, null);
    }

    /// <summary>
    /// Evaluates the checkpoint on <paramref name="split"/> (train, validation or test) at <paramref name="batchSize"/>
    /// on the threads <paramref name="compute"/> allows; <paramref name="onPrediction"/> as <see cref="Evaluator.Evaluate"/>.
    /// </summary>
    public EvaluationResult Evaluate(string split, int batchSize, Compute compute, Action<int, int, int, int>? onPrediction = null) =>
        Evaluate(new EvaluationData(split, null, Data, Data.Split(split)), batchSize, compute, onPrediction);

    /// <summary>
    /// Evaluates the checkpoint on <paramref name="target"/> at <paramref name="batchSize"/> on the threads
    /// <paramref name="compute"/> allows, scored as its data set scores, as training evaluated it (<see cref="Evaluator"/>,
    /// without a memory-net for model no-memory, or <see cref="LstmEvaluator"/> for the LSTM); <paramref name="onPrediction"/>,
    /// <paramref name="groupOf"/> and <paramref name="observer"/> (MANN-RL runs only) as <see cref="Evaluator.Evaluate"/>.
    /// </summary>
    public EvaluationResult Evaluate(EvaluationData target, int batchSize, Compute compute, Action<int, int, int, int>? onPrediction = null,
        Func<int, int>? groupOf = null, IStepObserver? observer = null)
    {
        MemoryEstimate.ForEvaluation(Config, Data.InputDim, Data.TargetDim, batchSize).EnsureFits("--batch-size");
        if (Lstm is not null)
        {
            var lstm = new LstmEvaluator(Lstm, batchSize, compute);
            EvaluationProgress = lstm;
            return lstm.Evaluate(target.Sequences, target.Data.Scoring, onPrediction, groupOf);
        }
        var memory = Config.ModelKind == LearnerKind.NoMemory ? null : Networks!.Memory;
        var evaluator = new Evaluator(Networks!.Action, memory, batchSize, compute);
        EvaluationProgress = evaluator;
        return evaluator.Evaluate(target.Sequences, target.Data.Scoring, onPrediction, observer, groupOf);
    }

    /// <summary>How far the evaluation running (or last run) is, for a progress display on another thread; null before the first.</summary>
    public IEvaluationProgress? EvaluationProgress { get; private set; }

    /// <summary>Where predictions of <paramref name="split"/> go by default: <c>RUNDIR/predictions/&lt;checkpoint&gt;-&lt;split&gt;</c>.</summary>
    public string PredictionPrefix(string split) => Path.Combine(RunDir, RunFiles.Predictions, $"{CheckpointName}-{split}");

    /// <summary>
    /// The data directory run.json records, when the task reads one; refused when it no longer exists, since the logic
    /// task would otherwise generate a data set there that need not be the one the run trained on.
    /// </summary>
    private static string? RecordedDataDir(string runDir, ExperimentConfig config)
    {
        string? recorded = RunInfo.DataDir(runDir);
        if (recorded is null || Directory.Exists(recorded)) return recorded;
        if (config.DatasetKind is DatasetKind.Copy or DatasetKind.RepeatCopy or DatasetKind.AssociativeRecall) return recorded; // generated from the config
        throw new RunDirectoryException($"{RunFiles.Info} of '{runDir}' names the data directory '{recorded}', which no longer exists; "
            + "pass --data-dir DIR with the data the run trained on");
    }

    /// <summary>Refuses a checkpoint part holding NaN or infinite values: its predictions would be meaningless.</summary>
    private static void CheckFinite(string checkpoints, string name, string part, NamedTensors tensors)
    {
        if (NonFiniteTensors.First(tensors) is not var (tensor, value)) return;
        throw new InvalidDataException($"checkpoint '{name}' in '{checkpoints}' is unusable: its {part} tensor '{tensor}' holds {value} "
            + "(the run diverged before it was saved); pass another --checkpoint or retrain with a lower learning rate");
    }

    private static string? Latest(string checkpoints)
    {
        var latest = Path.Combine(checkpoints, RunFiles.Latest);
        if (File.Exists(latest)) return File.ReadAllText(latest).Trim();
        return Checkpoint.List(checkpoints).LastOrDefault();
    }
}
