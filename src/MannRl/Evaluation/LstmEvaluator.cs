using MannRl.Data;
using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Evaluation;

/// <summary>
/// Evaluates the LSTM baseline: whole sequences in order, <c>eval_batch_size</c> at a time, each from a zero state
/// (the LSTM's counterpart of the fresh zero memories of <see cref="Evaluator"/>), the prediction at every step the
/// argmax of the logits. Scores as <see cref="Evaluator"/> does (<see cref="ScoreCounter"/>). Buffers
/// grow, between evaluations, to the longest sequence seen.
/// </summary>
public sealed class LstmEvaluator : IEvaluationProgress
{
    private readonly LstmNet _net;
    private readonly int _batchSize;
    private readonly Compute _compute;
    private SequenceBatcher? _batcher;
    private LstmNetContext? _ctx;

    /// <summary>
    /// Creates an evaluator of <paramref name="net"/> for batches of <paramref name="batchSize"/> sequences, its products
    /// on the threads <paramref name="compute"/> allows.
    /// </summary>
    public LstmEvaluator(LstmNet net, int batchSize, Compute compute)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"evaluation batch size must be at least 1, got {batchSize}");
        _net = net;
        _batchSize = batchSize;
        _compute = compute;
    }

    /// <inheritdoc/>
    public long SymbolsTotal { get; private set; }

    /// <inheritdoc/>
    public long SymbolsDone { get; private set; }

    /// <summary>
    /// Evaluates <paramref name="sequences"/>, counting the steps <paramref name="scoring"/> counts.
    /// <paramref name="onPrediction"/>, when given, sees every position's (sequence index, position, target,
    /// prediction); <paramref name="groupOf"/>, when given, maps a sequence index to a group (e.g. a length bin) and
    /// the result then holds the figures of each group too.
    /// </summary>
    public EvaluationResult Evaluate(IReadOnlyList<Sequence> sequences, Scoring scoring,
        Action<int, int, int, int>? onPrediction = null, Func<int, int>? groupOf = null)
    {
        SymbolsTotal = sequences.Sum(q => (long)q.Length);
        SymbolsDone = 0;
        var score = new ScoreCounter(_net.TargetDim, scoring, _batchSize);
        int longest = SequenceBatcher.LongestOf(sequences);
        if (_batcher is null || longest > _batcher.MaxSteps)
        {
            _batcher = new SequenceBatcher(_batchSize, Math.Max(longest, 1), _net.ExternalInputDim);
            _ctx = _net.CreateContext(_batchSize, _batcher.MaxSteps, _compute);
        }
        _batcher.Restart(sequences, shuffle: null);
        while (_batcher.Next())
        {
            var batch = _batcher.Batch;
            var logits = _net.Forward(_batcher.Inputs, batch, _ctx!, training: false, probabilities: false); // (rows, T)
            var targets = _batcher.Targets;
            var lengths = batch.Lengths;
            for (int t = 0; t < batch.Steps; t++)
            {
                for (int s = 0; s < batch.BatchSize(t); s++)
                {
                    int row = batch.Row(t, s), target = targets[row];
                    int predicted = Evaluator.ArgMax(logits.Row(row));
                    int sequence = _batcher.SequenceOf(s);
                    score.Add(s, t, target, predicted, t == lengths[s] - 1, groupOf?.Invoke(sequence));
                    onPrediction?.Invoke(sequence, t, target, predicted);
                }
            }
            SymbolsDone += batch.Rows;
        }
        return score.Result();
    }
}
