using System.Diagnostics;
using MannRl.Checkpoints;
using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Evaluation;
using MannRl.IO;
using MannRl.Models;

namespace MannRl.Training;

/// <summary>
/// The MANN-RL training dance (spec sections 4 and 5), read top to bottom in <see cref="Train"/>: per step
/// the action net learns supervised from the current input and memory; every settle+H steps the memory-net
/// learns by Q-learning from replayed transitions; then the memory-net (eval mode) writes the next memory.
/// </summary>
public sealed class Trainer : ITrainer
{
    private readonly ExperimentConfig _config;
    private readonly SequenceDataset _data;
    private readonly ITrainingSink _sink;
    private readonly Rng _shuffle, _replay, _resets;
    private readonly MultiStepLR? _actionSchedule, _memorySchedule;

    // Buffers sized once: no allocation per step.
    private readonly StreamingBatcher _batcher;
    private readonly ReplayHistory _history;
    private readonly Matrix _inputs, _memories, _lossGrad;
    private readonly int[] _targets;
    private readonly float[] _rowLosses;
    private readonly ActionContext _actionCtx;
    private readonly ModuleContext _nextMemoryCtx;
    private readonly Transitions _transitions;
    private readonly TdLearner _tdLearner;
    private readonly RunProgress _progress;
    private readonly bool _lossOnLogits, _trainsMemory, _writesMemory;
    private int _epoch, _stepInEpoch;
    private TrainerState? _resumed;
    private double _elapsedBefore;

    /// <summary>
    /// Builds the networks and optimizers of <paramref name="config"/> (dims already checked against the data). Its
    /// <c>model</c> is mann-rl, or an ablation: no-memory (the memory-net neither writes nor trains: the action net's
    /// memory input stays zero) or frozen-memory (the memory-net writes memories at its random initialisation and
    /// never trains). Products and optimizer updates run on the threads <paramref name="compute"/> allows.
    /// </summary>
    public Trainer(ExperimentConfig config, SequenceDataset data, ITrainingSink sink, Compute compute)
    {
        if (config.ModelKind == LearnerKind.Lstm)
            throw new ArgumentException("model lstm is trained by LstmTrainer; use TrainerFactory.Create", nameof(config));
        _config = config;
        _data = data;
        _sink = sink;
        var rng = new Rng(config.Seed);
        Networks = MannNetworks.Create(config, data.InputDim, data.TargetDim, data.LearnedEmbeddingDim, rng);
        _shuffle = rng.Fork("shuffle");
        _replay = rng.Fork("replay");
        _resets = rng.Fork("memory-resets");
        ActionOptimizer = OptimizerFactory.Create(config.ActionOptimizerKind, Action.Parameters, config.ActionLearningRate, compute);
        MemoryOptimizer = OptimizerFactory.Create(config.MemOptimizerKind, Memory.Parameters, config.MemLearningRate, compute);
        if (config.ActionLrRateDecay is { } ad) _actionSchedule = new MultiStepLR(ActionOptimizer, ad.Milestones, (float)ad.Gamma);
        if (config.MemLrRateDecay is { } md) _memorySchedule = new MultiStepLR(MemoryOptimizer, md.Milestones, (float)md.Gamma);
        _lossOnLogits = config.ActionLossOnKind == LossInput.Logits;

        int b = config.BatchSize, i = data.InputDim, m = config.MemoryDim, t = data.TargetDim;
        _batcher = new StreamingBatcher(b, minSlots: 2);
        _history = new ReplayHistory(config.History, b, i, m, t);
        _inputs = new Matrix(b, i);
        _memories = new Matrix(b, m);
        _lossGrad = new Matrix(b, t);
        _targets = new int[b];
        _rowLosses = new float[b];
        _actionCtx = Action.CreateContext(b, compute);
        _nextMemoryCtx = Memory.CreateContext(b, compute);
        int rows = config.MemNumSamples * b;
        _transitions = new Transitions(rows, i, m, t, config.MemNStep);
        _tdLearner = new TdLearner(Memory, MemoryOptimizer, rows, new TdSettings(
            config.MemGamma, config.MemL1, config.MemDampenLosses, config.MemClamp, config.MemClipping, config.MemTargetKind == TdTarget.Detached,
            config.MemRewardBaselineKind == RewardBaseline.Mean), compute);
        _trainsMemory = config.ModelKind == LearnerKind.MannRl;
        _writesMemory = config.ModelKind != LearnerKind.NoMemory;
        _progress = new RunProgress(config, sink, logsMemoryLoss: true);
        Evaluator = new Evaluator(Action, _writesMemory ? Memory : null, config.EvalBatchSize, compute);
        Progress.Evaluation = Evaluator;
    }

    /// <summary>The action net and the memory-net.</summary>
    public MannNetworks Networks { get; }

    /// <summary>The action network.</summary>
    public ActionNet Action => Networks.Action;

    /// <summary>The memory-net.</summary>
    public MemoryNet Memory => Networks.Memory;

    /// <summary>Optimizer of the action network.</summary>
    public Optimizer ActionOptimizer { get; }

    /// <summary>Optimizer of the memory-net.</summary>
    public Optimizer MemoryOptimizer { get; }

    /// <summary>The evaluator (same networks, eval mode).</summary>
    public Evaluator Evaluator { get; }

    /// <summary>Memory-net trainings so far.</summary>
    public long MemoryTrainings { get; private set; }

    /// <summary>Memories reset to zero at a sequence start so far (<c>mem_reset_probability</c>).</summary>
    public long MemoryResets { get; private set; }

    /// <summary>The replay history (for tests of what the memory-net learns from).</summary>
    internal ReplayHistory History => _history;

    /// <summary>The training pass's batcher (for tests: which slot is where in its sequence).</summary>
    internal StreamingBatcher Batcher => _batcher;

    /// <summary>The action net's loss gradient of the last step, one row per present slot (for tests).</summary>
    internal Matrix LastLossGradient => _lossGrad;

    /// <summary>Training steps so far.</summary>
    public long Steps { get; private set; }

    /// <inheritdoc/>
    public TrainingProgress Progress { get; } = new();

    /// <summary>
    /// Runs all epochs (from where <see cref="Restore"/> put the run, if called); returns the last evaluation of each
    /// split. Hands the sink a resume state after every epoch, and, when <paramref name="cancel"/> is signalled, at the
    /// next step boundary before throwing <see cref="OperationCanceledException"/>. The last epoch's weights are saved as
    /// the checkpoint <c>final</c>.
    /// </summary>
    public TrainingSummary Train(CancellationToken cancel = default)
    {
        var c = _config;
        var resumed = _resumed;
        _resumed = null;
        if (resumed is null) LogParameterCounts();
        var clock = Stopwatch.StartNew();
        double Elapsed() => _elapsedBefore + clock.Elapsed.TotalSeconds;
        Progress.Epochs = c.Epochs;

        for (int epoch = resumed?.Epoch ?? 0; epoch < c.Epochs; epoch++)
        {
            int stepsDone = 0, memoryTrainings = 0;
            double actionLossSum = 0, memoryLossSum = 0;
            if (resumed is { Step: > 0 } inside)
            {
                ContinueEpoch(epoch, inside);
                stepsDone = (int)inside.GetLong("epoch.steps");
                memoryTrainings = (int)inside.GetLong("epoch.memory_trainings");
                actionLossSum = inside.GetDouble("epoch.action_loss_sum");
                memoryLossSum = inside.GetDouble("epoch.memory_loss_sum");
            }
            else
            {
                cancel.ThrowIfCancellationRequested();
                Log($"Starting epoch {epoch + 1}");
                BeginEpoch(epoch);
            }
            resumed = null;

            while (NextBatch())
            {
                float stepLoss = TrainActionStep();
                actionLossSum += stepLoss;
                if (MemoryTrainingDue)
                {
                    for (int k = 0; k < c.MemTrainIterations; k++)
                    {
                        float tdLoss = TrainMemory();
                        memoryLossSum += tdLoss;
                        memoryTrainings++;
                        Progress.MemoryTrained(tdLoss);
                    }
                }
                WriteNextMemory();
                stepsDone++;
                Progress.StepDone(_batcher.Present.Length, stepLoss);
                FaultPoint.Hit("step", cancel);
                if (cancel.IsCancellationRequested)
                {
                    var state = CaptureState(epoch, _stepInEpoch, Elapsed());
                    state.SetLong("epoch.steps", stepsDone);
                    state.SetLong("epoch.memory_trainings", memoryTrainings);
                    state.SetDouble("epoch.action_loss_sum", actionLossSum);
                    state.SetDouble("epoch.memory_loss_sum", memoryLossSum);
                    Log($"Stopped in epoch {epoch + 1} after step {_stepInEpoch}; the run can be resumed");
                    _sink.SaveState(state);
                    cancel.ThrowIfCancellationRequested();
                }
            }

            DivergenceCheck.Tensors("action net", Action.Tensors, epoch, _stepInEpoch, DivergenceCheck.ActionFix);
            if (_writesMemory) DivergenceCheck.Tensors("memory-net", Memory.Tensors, epoch, _stepInEpoch, DivergenceCheck.MemoryFix);
            _progress.StepSchedule(_actionSchedule, ActionOptimizer, "Action");
            _progress.StepSchedule(_memorySchedule, MemoryOptimizer, "Memory");
            if (epoch % c.EvalInterval == 0)
            {
                Log("evaluating...");
                Progress.BeginEvaluation();
                double actionLoss = stepsDone > 0 ? actionLossSum / stepsDone : 0;
                double? memoryLoss = memoryTrainings > 0 ? memoryLossSum / memoryTrainings : null;
                var trainEval = Evaluator.Evaluate(_data.TrainEvalForEpoch(epoch, c.TrainEvalTruncateSize), _data.Scoring);
                FaultPoint.Hit("evaluation");
                var validationEval = Evaluator.Evaluate(_data.Validation, _data.Scoring);
                Progress.EndEvaluation(epoch + 1, validationEval.Metrics.WeightedF1);
                Log($"number of memory trainings: {MemoryTrainings}");
                if (c.MemResetProbability > 0) Log($"memory resets at sequence starts: {MemoryResets}");
                if (_progress.Record(epoch, trainEval, validationEval, actionLoss, memoryLoss, Elapsed()) is { } checkpoint)
                    _sink.SaveCheckpoint(checkpoint, new TrainingSnapshot(epoch + 1, Parts));
            }
            if (epoch == c.Epochs - 1)
            {
                _sink.SaveCheckpoint(FinalCheckpoint, new TrainingSnapshot(epoch + 1, Parts));
                Log($"Training done: {Steps} steps, {MemoryTrainings} memory trainings, {Elapsed():F1} s");
            }
            _sink.SaveState(CaptureState(epoch + 1, 0, Elapsed()));
        }
        return new TrainingSummary(_progress.LastTrain, _progress.LastValidation, Steps, MemoryTrainings, Elapsed());
    }

    /// <summary>The name of the checkpoint of the last epoch's weights, always saved.</summary>
    public const string FinalCheckpoint = "final";

    /// <summary>
    /// Puts the run where <paramref name="state"/> (from a run directory) left it: nets, optimizers and schedules,
    /// random streams, counters, replay history and best-so-far values; <see cref="Train"/> then continues from there,
    /// inside the epoch for a state taken at a stop.
    /// </summary>
    /// <exception cref="InvalidDataException">The state does not fit this run.</exception>
    public void Restore(TrainerState state)
    {
        state.LoadParts(Parts);
        _actionSchedule?.SetEpoch(state.Epoch);
        _memorySchedule?.SetEpoch(state.Epoch);
        state.RestoreRng("rng.shuffle", _shuffle);
        state.RestoreRng("rng.replay", _replay);
        state.RestoreRng("rng.memory_resets", _resets);
        Steps = state.GetLong("steps");
        MemoryTrainings = state.GetLong("memory_trainings");
        MemoryResets = state.GetLong("memory_resets");
        _elapsedBefore = state.GetDouble("elapsed_seconds");
        _progress.RestoreFrom(state);
        _history.RestoreFrom(state);
        _resumed = state;
    }

    private IReadOnlyList<CheckpointPart> Parts => [new("action", Action.Tensors, ActionOptimizer), new("memory", Memory.Tensors, MemoryOptimizer)];

    /// <summary>The state at a step boundary: <paramref name="step"/> steps of 0-based <paramref name="epoch"/> done (0: between epochs).</summary>
    private TrainerState CaptureState(int epoch, int step, double elapsed)
    {
        var state = new TrainerState { Epoch = epoch, Step = step, Parts = Parts };
        state.SetRng("rng.shuffle", _shuffle);
        state.SetRng("rng.replay", _replay);
        state.SetRng("rng.memory_resets", _resets);
        state.SetLong("steps", Steps);
        state.SetLong("memory_trainings", MemoryTrainings);
        state.SetLong("memory_resets", MemoryResets);
        state.SetDouble("elapsed_seconds", elapsed);
        _progress.SaveTo(state);
        _history.SaveTo(state);
        if (step > 0)
        {
            var (order, slots, next, present, started) = _batcher.Capture();
            state.Integers["batcher.order"] = order;
            state.Integers["batcher.slots"] = slots;
            state.SetLong("batcher.next", next);
            state.SetLong("batcher.present", present);
            state.SetLong("batcher.started", started ? 1 : 0);
        }
        return state;
    }

    /// <summary>Continues the pass of 0-based <paramref name="epoch"/> from the batcher position of a state taken inside it.</summary>
    private void ContinueEpoch(int epoch, TrainerState state)
    {
        _epoch = epoch;
        _stepInEpoch = state.Step;
        var sequences = _data.TrainForEpoch(epoch);
        _batcher.Restore(sequences, state.GetIntegers("batcher.order"), state.GetIntegers("batcher.slots"),
            (int)state.GetLong("batcher.next"), (int)state.GetLong("batcher.present"), state.GetLong("batcher.started") != 0);
        long symbols = 0;
        for (int i = 0; i < sequences.Count; i++) symbols += sequences[i].Length;
        Progress.BeginEpoch(epoch + 1, symbols);
    }

    private void LogParameterCounts()
    {
        Log($"Model 'action' has {Action.ParameterCount} parameters");
        switch (_config.ModelKind)
        {
            case LearnerKind.NoMemory:
                Log("Model 'memory' is not used (model no-memory): the action net's memory input stays zero");
                Log($"Total model parameters {Action.ParameterCount}");
                return;
            case LearnerKind.FrozenMemory:
                Log($"Model 'memory' has {Memory.ParameterCount} parameters, frozen at their initialisation (model frozen-memory)");
                break;
            default:
                Log($"Model 'memory' has {Memory.ParameterCount} parameters");
                break;
        }
        Log($"Total model parameters {Action.ParameterCount + Memory.ParameterCount}");
    }

    /// <summary>
    /// Starts the pass of epoch <paramref name="epoch"/> (0-based) over its training sequences, shuffled. The steps
    /// of the pass are then, as <see cref="Train"/> runs them: <see cref="NextBatch"/>, <see cref="TrainActionStep"/>,
    /// <see cref="TrainMemory"/> (<c>mem_train_iterations</c> times when <see cref="MemoryTrainingDue"/>), and
    /// <see cref="WriteNextMemory"/>. Public so that benchmarks time the real stages; <see cref="Train"/> adds the
    /// epochs, learning-rate schedules, evaluations and checkpoints.
    /// </summary>
    public void BeginEpoch(int epoch)
    {
        _epoch = epoch;
        _stepInEpoch = 0;
        var sequences = _data.TrainForEpoch(epoch);
        _batcher.Restart(sequences, _shuffle);
        long symbols = 0;
        for (int i = 0; i < sequences.Count; i++) symbols += sequences[i].Length;
        Progress.BeginEpoch(epoch + 1, symbols);
    }

    /// <summary>Moves the pass to its next batch of symbols; false when the pass is over.</summary>
    public bool NextBatch() => _batcher.Next();

    /// <summary>Whether the memory-net trains at this step: every settle+history steps of the pass, from the first such step on.</summary>
    /// <remarks>Never with model no-memory or frozen-memory.</remarks>
    public bool MemoryTrainingDue => _trainsMemory && _stepInEpoch > 0 && _stepInEpoch % (_config.Settle + _config.History) == 0;

    /// <summary>Step stage 1: the action net learns on the current batch; returns the mean loss over present slots.</summary>
    /// <exception cref="TrainingDivergedException">The loss is NaN or infinite.</exception>
    public float TrainActionStep()
    {
        int epoch = _epoch, step = _stepInEpoch;
        var slots = _batcher.Present;
        int n = slots.Length;
        for (int r = 0; r < n; r++)
        {
            int slot = slots[r];
            // Drawn only when enabled, so runs without resets keep the original's random streams.
            if (_config.MemResetProbability > 0 && _batcher.PositionOf(slot) == 0
                && _resets.NextDouble() < _config.MemResetProbability)
            {
                _history.Memory(0, slot).Clear();
                MemoryResets++;
            }
            _batcher.WriteInput(slot, _history.Input(0, slot));
            _targets[r] = _batcher.TargetOf(slot);
            _history.SetPresent(slot, _targets[r]);
        }
        var (x, m) = GatherCurrent(slots); // (n, I), (n, M)

        var probs = Action.Forward(x, m, _actionCtx, training: true); // (n, T)
        var lossInput = _lossOnLogits ? _actionCtx.Logits : probs;
        float loss = CrossEntropyLoss.Compute(lossInput, _targets, _rowLosses, _lossGrad.WithRows(n));
        if (!float.IsFinite(loss)) throw TrainingDivergedException.For("action net", "action loss", epoch, step, Action.Tensors);
        if (_config.ActionAnswerWeight != 1) WeightAnswerGradients(slots);
        for (int r = 0; r < n; r++)
        {
            probs.Row(r).CopyTo(_history.Action(0, slots[r]));
            _history.Loss(0, slots[r]) = _rowLosses[r];
        }
        if (_config.MemAnswerRewardWeight != 1) WeightAnswerRewards(slots);
        // The gradients are zero: a new trainer starts so, and every optimizer step below clears what it read.
        Action.Backward(_lossGrad, _actionCtx, gradientIsForLogits: _lossOnLogits);
        // Clipping's factor goes into the optimizer's own pass (the same rounded products, one pass fewer).
        float scale = _config.ActionClipping is double clip ? GradClip.Coefficient(Action.Parameters, (float)clip) : 1f;
        ActionOptimizer.Step(scale, clearGradients: true);
        return loss;
    }

    /// <summary>
    /// <c>action_answer_weight</c>: the action net's gradient of a slot at its sequence's last step (logic's answer at
    /// <c>|</c>) is scaled by the weight, as if that row's loss counted this many times in the mean; the loss reported
    /// and the memory-net's reward are not changed.
    /// </summary>
    private void WeightAnswerGradients(ReadOnlySpan<int> slots)
    {
        float weight = (float)_config.ActionAnswerWeight;
        for (int r = 0; r < slots.Length; r++)
            if (_batcher.AtEnd(slots[r]))
            {
                var row = _lossGrad.Row(r);
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, weight, row);
            }
    }

    /// <summary>
    /// <c>mem_answer_reward_weight</c>: the loss the memory-net is rewarded with at a sequence's last step (logic's answer
    /// at <c>|</c>) is the action loss times the weight, so that the one step that needs the memory weighs more than the
    /// copy steps around it. The action net's own loss is not weighted.
    /// </summary>
    private void WeightAnswerRewards(ReadOnlySpan<int> slots)
    {
        float weight = (float)_config.MemAnswerRewardWeight;
        foreach (int slot in slots)
            if (_batcher.AtEnd(slot)) _history.Loss(0, slot) *= weight;
    }

    /// <summary>
    /// Step stage 2: one Q-learning update of the memory-net on <c>mem_num_samples</c> replayed transitions (spec
    /// section 5); returns its loss. <see cref="Train"/> runs it <c>mem_train_iterations</c> times where
    /// <see cref="MemoryTrainingDue"/>.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss is NaN or infinite.</exception>
    public float TrainMemory()
    {
        MemoryTrainings++;
        int rows = _history.SampleTransitions(_replay, _config.MemNumSamples, _config.MemTrainWithTargets, _transitions);
        if (rows < 2) return 0; // BatchNorm needs two rows; a memory batch this small cannot occur with batch_size >= 2
        float loss = _tdLearner.Update(_transitions);
        if (!float.IsFinite(loss)) throw TrainingDivergedException.For("memory-net", "memory loss", _epoch, _stepInEpoch, Memory.Tensors);
        return loss;
    }

    /// <summary>
    /// Step stage 3, which ends the step: the memory-net (eval mode, detached) writes f(in, out, m) of the step just
    /// done as the memories of a new history step (zero memories with model no-memory).
    /// </summary>
    /// <exception cref="TrainingDivergedException">A next memory is NaN or infinite.</exception>
    public void WriteNextMemory()
    {
        int epoch = _epoch, step = _stepInEpoch;
        _stepInEpoch++;
        Steps++;
        if (!_writesMemory)
        {
            _history.Push(); // a new step's memories start at zero
            return;
        }
        var slots = _batcher.Present;
        var (x, m) = GatherCurrent(slots);
        var next = Memory.Forward(x, _actionCtx.Probabilities, m, _nextMemoryCtx, training: false); // (n, M)
        if (!float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(next.AsSpan())))
            throw TrainingDivergedException.For("memory-net", "next memory", epoch, step, Memory.Tensors);
        _history.Push();
        next.ScatterRows(_history.CurrentMemories(), slots);
    }

    /// <summary>The current step's inputs and memories of the present slots, as row-compact matrices.</summary>
    private (Matrix Inputs, Matrix Memories) GatherCurrent(ReadOnlySpan<int> slots)
    {
        if (slots.Length == _config.BatchSize) return (_history.CurrentInputs(), _history.CurrentMemories()); // all present: no copy
        _inputs.GatherRows(_history.CurrentInputs(), slots);
        _memories.GatherRows(_history.CurrentMemories(), slots);
        return (_inputs, _memories);
    }

    private void Log(string message) => _sink.Log(message);

}

/// <summary>The outcome of a training run.</summary>
/// <param name="LastTrain">Last evaluation on the training data (null when none ran).</param>
/// <param name="LastValidation">Last evaluation on validation.</param>
/// <param name="Steps">Training steps taken.</param>
/// <param name="MemoryTrainings">Memory-net trainings.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record TrainingSummary(MetricsRow? LastTrain, MetricsRow? LastValidation, long Steps, long MemoryTrainings, double Seconds)
{
    /// <summary>True when a resumed run had already trained all its epochs: nothing ran.</summary>
    public bool AlreadyFinished { get; init; }
}
