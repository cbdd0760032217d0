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
/// Trains the LSTM baseline (<c>model: lstm</c>) by backpropagation through time over whole sequences: per batch of
/// <c>batch_size</c> sequences (the epoch's shuffled order, as MANN-RL streams it), the net runs every step from a zero
/// state, the cross entropy is averaged over all the batch's steps, and one optimizer step follows with the action
/// net's optimizer, learning rate, clipping and schedule keys. <see cref="Train"/> is the epoch loop of
/// <see cref="Trainer"/>: the same evaluations, metrics.csv rows and checkpoints (<see cref="RunProgress"/>), and the
/// same <see cref="DivergenceCheck"/> of the tensors at each epoch's end.
/// </summary>
public sealed class LstmTrainer : ITrainer
{
    private readonly ExperimentConfig _config;
    private readonly SequenceDataset _data;
    private readonly ITrainingSink _sink;
    private readonly Rng _shuffle;
    private readonly MultiStepLR? _schedule;

    // Buffers sized once for the longest training sequence: no allocation per batch.
    private readonly SequenceBatcher _batcher;
    private readonly LstmNetContext _ctx;
    private readonly Matrix _lossGrad;
    private readonly float[] _rowLosses;
    private readonly RunProgress _progress;
    private readonly bool _lossOnLogits;
    private int _epoch, _batchInEpoch;
    private TrainerState? _resumed;
    private double _elapsedBefore;

    /// <summary>
    /// Builds the net and its optimizer for <paramref name="config"/> (dims already checked against the data), to run on
    /// the threads <paramref name="compute"/> allows.
    /// </summary>
    public LstmTrainer(ExperimentConfig config, SequenceDataset data, ITrainingSink sink, Compute compute)
    {
        _config = config;
        _data = data;
        _sink = sink;
        // The same forks, in the same order, as the MANN-RL trainer: the epochs' shuffles are the same.
        var rng = new Rng(config.Seed);
        Net = LstmNet.Create(config, data.InputDim, data.TargetDim, data.LearnedEmbeddingDim, rng);
        _ = rng.Fork("memory-init");
        _shuffle = rng.Fork("shuffle");
        Optimizer = OptimizerFactory.Create(config.ActionOptimizerKind, Net.Parameters, config.ActionLearningRate, compute);
        if (config.ActionLrRateDecay is { } decay) _schedule = new MultiStepLR(Optimizer, decay.Milestones, (float)decay.Gamma);
        _lossOnLogits = config.ActionLossOnKind == LossInput.Logits;

        int b = config.BatchSize, steps = Math.Max(1, SequenceBatcher.LongestOf(data.Train));
        _batcher = new SequenceBatcher(b, steps, data.InputDim);
        _ctx = Net.CreateContext(b, steps, compute);
        _lossGrad = new Matrix(b * steps, data.TargetDim);
        _rowLosses = new float[b * steps];
        Evaluator = new LstmEvaluator(Net, config.EvalBatchSize, compute);
        Progress.Evaluation = Evaluator;
        _progress = new RunProgress(config, sink, logsMemoryLoss: false);
    }

    /// <summary>The LSTM and its decision layer.</summary>
    public LstmNet Net { get; }

    /// <summary>The optimizer (<c>action_optimizer</c>, <c>action_learning_rate</c>).</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The evaluator (whole sequences from a zero state).</summary>
    public LstmEvaluator Evaluator { get; }

    /// <summary>Batches trained so far (a step is one batch of whole sequences).</summary>
    public long Steps { get; private set; }

    /// <inheritdoc/>
    public TrainingProgress Progress { get; } = new();

    /// <summary>
    /// Runs all epochs (from where <see cref="Restore"/> put the run, if called); returns the last evaluation of each
    /// split. Resume states and the <c>final</c> checkpoint as <see cref="Trainer.Train"/> writes them.
    /// </summary>
    public TrainingSummary Train(CancellationToken cancel = default)
    {
        var c = _config;
        var resumed = _resumed;
        _resumed = null;
        if (resumed is null)
        {
            _sink.Log($"Model 'lstm' has {Net.ParameterCount} parameters ({c.LstmLayers} layer(s) of {c.LstmHiddenDim} and the decision layer)");
            _sink.Log($"Total model parameters {Net.ParameterCount}");
        }
        var clock = Stopwatch.StartNew();
        double Elapsed() => _elapsedBefore + clock.Elapsed.TotalSeconds;
        Progress.Epochs = c.Epochs;
        for (int epoch = resumed?.Epoch ?? 0; epoch < c.Epochs; epoch++)
        {
            int batches = 0;
            double lossSum = 0;
            if (resumed is { Step: > 0 } inside)
            {
                _epoch = epoch;
                _batchInEpoch = inside.Step;
                var sequences = _data.TrainForEpoch(epoch);
                _batcher.Restore(sequences, inside.GetIntegers("batcher.order"), (int)inside.GetLong("batcher.next"));
                Progress.BeginEpoch(epoch + 1, sequences.Sum(q => (long)q.Length));
                batches = inside.Step;
                lossSum = inside.GetDouble("epoch.loss_sum");
            }
            else
            {
                cancel.ThrowIfCancellationRequested();
                _sink.Log($"Starting epoch {epoch + 1}");
                BeginEpoch(epoch);
            }
            resumed = null;
            while (NextBatch())
            {
                int symbols = _batcher.Batch.Rows;
                float loss = TrainBatch();
                lossSum += loss;
                batches++;
                Progress.StepDone(symbols, loss);
                FaultPoint.Hit("step", cancel);
                if (cancel.IsCancellationRequested)
                {
                    var state = CaptureState(epoch, _batchInEpoch, Elapsed());
                    var (order, next) = _batcher.Capture();
                    state.Integers["batcher.order"] = order;
                    state.SetLong("batcher.next", next);
                    state.SetDouble("epoch.loss_sum", lossSum);
                    _sink.Log($"Stopped in epoch {epoch + 1} after batch {_batchInEpoch}; the run can be resumed");
                    _sink.SaveState(state);
                    cancel.ThrowIfCancellationRequested();
                }
            }

            DivergenceCheck.Tensors("lstm", Net.Tensors, epoch, _batchInEpoch, DivergenceCheck.ActionFix);
            _progress.StepSchedule(_schedule, Optimizer, "Action");
            if (epoch % c.EvalInterval == 0)
            {
                _sink.Log("evaluating...");
                Progress.BeginEvaluation();
                var trainEval = Evaluator.Evaluate(_data.TrainEvalForEpoch(epoch, c.TrainEvalTruncateSize), _data.Scoring);
                FaultPoint.Hit("evaluation");
                var validationEval = Evaluator.Evaluate(_data.Validation, _data.Scoring);
                Progress.EndEvaluation(epoch + 1, validationEval.Metrics.WeightedF1);
                double meanLoss = batches > 0 ? lossSum / batches : 0;
                if (_progress.Record(epoch, trainEval, validationEval, meanLoss, memoryLoss: null, Elapsed()) is { } checkpoint)
                    _sink.SaveCheckpoint(checkpoint, new TrainingSnapshot(epoch + 1, Parts));
            }
            if (epoch == c.Epochs - 1)
            {
                _sink.SaveCheckpoint(Trainer.FinalCheckpoint, new TrainingSnapshot(epoch + 1, Parts));
                _sink.Log($"Training done: {Steps} batches, {Elapsed():F1} s");
            }
            _sink.SaveState(CaptureState(epoch + 1, 0, Elapsed()));
        }
        return new TrainingSummary(_progress.LastTrain, _progress.LastValidation, Steps, 0, Elapsed());
    }

    /// <summary>Puts the run where <paramref name="state"/> left it: net, optimizer and schedule, shuffle stream, counters, best-so-far values.</summary>
    /// <exception cref="InvalidDataException">The state does not fit this run.</exception>
    public void Restore(TrainerState state)
    {
        state.LoadParts(Parts);
        _schedule?.SetEpoch(state.Epoch);
        state.RestoreRng("rng.shuffle", _shuffle);
        Steps = state.GetLong("steps");
        _elapsedBefore = state.GetDouble("elapsed_seconds");
        _progress.RestoreFrom(state);
        _resumed = state;
    }

    private IReadOnlyList<CheckpointPart> Parts => [new("action", Net.Tensors, Optimizer)];

    private TrainerState CaptureState(int epoch, int step, double elapsed)
    {
        var state = new TrainerState { Epoch = epoch, Step = step, Parts = Parts };
        state.SetRng("rng.shuffle", _shuffle);
        state.SetLong("steps", Steps);
        state.SetDouble("elapsed_seconds", elapsed);
        _progress.SaveTo(state);
        return state;
    }

    /// <summary>Starts the pass of epoch <paramref name="epoch"/> (0-based) over its training sequences, shuffled.</summary>
    public void BeginEpoch(int epoch)
    {
        _epoch = epoch;
        _batchInEpoch = 0;
        var sequences = _data.TrainForEpoch(epoch);
        _batcher.Restart(sequences, _shuffle);
        Progress.BeginEpoch(epoch + 1, sequences.Sum(q => (long)q.Length));
    }

    /// <summary>Packs the pass's next batch of whole sequences; false when the pass is over.</summary>
    public bool NextBatch() => _batcher.Next();

    /// <summary>One update on the current batch: forward over every step, cross entropy, backward through time, step. Returns the loss.</summary>
    /// <exception cref="TrainingDivergedException">The loss is NaN or infinite.</exception>
    public float TrainBatch()
    {
        var batch = _batcher.Batch;
        int rows = batch.Rows;
        var logits = Net.Forward(_batcher.Inputs, batch, _ctx, training: true, probabilities: !_lossOnLogits); // (rows, T)
        var lossInput = _lossOnLogits ? logits : _ctx.Probabilities;
        float loss = CrossEntropyLoss.Compute(lossInput, _batcher.Targets, _rowLosses, _lossGrad.WithRows(rows));
        if (!float.IsFinite(loss)) throw TrainingDivergedException.For("lstm", "loss", _epoch, _batchInEpoch, Net.Tensors);
        // The gradients are zero: a new trainer starts so, and every optimizer step below clears what it read.
        Net.Backward(_lossGrad, _ctx, gradientIsForLogits: _lossOnLogits, _config.LstmBpttTruncate);
        float scale = _config.ActionClipping is double clip ? GradClip.Coefficient(Net.Parameters, (float)clip) : 1f;
        Optimizer.Step(scale, clearGradients: true);
        _batchInEpoch++;
        Steps++;
        return loss;
    }
}
