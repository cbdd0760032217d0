using MannRl.Data;
using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Evaluation;

/// <summary>
/// Streams sequences through the networks in eval mode (spec section 6): fresh zero memories, batch
/// <c>eval_batch_size</c> (a batch of one allowed), the memory updated each step by the memory-net. Collects
/// the confusion counts of the steps the task's <see cref="Scoring"/> counts and the share of sequences whose
/// answer is right (<see cref="ScoreCounter"/>).
/// </summary>
public sealed class Evaluator : IEvaluationProgress
{
    private readonly ActionNet _action;
    private readonly MemoryNet? _memory;
    private readonly StreamingBatcher _batcher;
    private readonly Matrix _slotMemory, _inputs, _memories;
    private readonly ActionContext _actionCtx;
    private readonly ModuleContext? _memoryCtx;

    /// <summary>
    /// Creates an evaluator with buffers for <paramref name="batchSize"/> slots; without <paramref name="memory"/> the
    /// memories stay zero (model no-memory). Products run on the threads <paramref name="compute"/>
    /// allows.
    /// </summary>
    public Evaluator(ActionNet action, MemoryNet? memory, int batchSize, Compute compute)
    {
        _action = action;
        _memory = memory;
        _batcher = new StreamingBatcher(batchSize, 1);
        _slotMemory = new Matrix(batchSize, action.MemoryDim);
        _inputs = new Matrix(batchSize, action.ExternalInputDim);
        _memories = new Matrix(batchSize, action.MemoryDim);
        _actionCtx = action.CreateContext(batchSize, compute);
        _memoryCtx = memory?.CreateContext(batchSize, compute);
    }

    /// <inheritdoc/>
    public long SymbolsTotal { get; private set; }

    /// <inheritdoc/>
    public long SymbolsDone { get; private set; }

    /// <summary>
    /// Evaluates <paramref name="sequences"/> in order, counting the steps <paramref name="scoring"/> counts.
    /// <paramref name="onPrediction"/>, when given, sees every position's (sequence index, position, target,
    /// prediction); <paramref name="observer"/>, when given, sees the probabilities and the memory written at every
    /// step of the sequences it wants (memory heatmaps); <paramref name="groupOf"/>, when given, maps a sequence index
    /// to a group (e.g. a length bin) and the result then holds the figures of each group too.
    /// </summary>
    public EvaluationResult Evaluate(IReadOnlyList<Sequence> sequences, Scoring scoring, Action<int, int, int, int>? onPrediction = null,
        IStepObserver? observer = null, Func<int, int>? groupOf = null)
    {
        var score = new ScoreCounter(_action.TargetDim, scoring, _slotMemory.CapacityRows);
        long total = 0;
        for (int i = 0; i < sequences.Count; i++) total += sequences[i].Length;
        SymbolsTotal = total;
        SymbolsDone = 0;
        _slotMemory.WithRows(_slotMemory.CapacityRows).Clear();
        _batcher.Restart(sequences, shuffle: null);
        while (_batcher.Next())
        {
            var present = _batcher.Present;
            int n = present.Length;
            _inputs.WithRows(n);
            for (int r = 0; r < n; r++) _batcher.WriteInput(present[r], _inputs.Row(r));
            _memories.GatherRows(_slotMemory, present);
            var probs = _action.Forward(_inputs, _memories, _actionCtx, training: false); // (n, T)
            for (int r = 0; r < n; r++)
            {
                int slot = present[r];
                int target = _batcher.TargetOf(slot);
                int predicted = ArgMax(probs.Row(r));
                int sequence = _batcher.SequenceOf(slot), position = _batcher.PositionOf(slot);
                score.Add(slot, position, target, predicted, _batcher.AtEnd(slot), groupOf?.Invoke(sequence));
                onPrediction?.Invoke(sequence, position, target, predicted);
            }
            SymbolsDone += n;
            if (_memory is null)
            {
                if (observer is not null) Observe(observer, probs, _memories); // no memory-net: the memory stays zero
                continue;
            }
            var next = _memory.Forward(_inputs, probs, _memories, _memoryCtx!, training: false); // (n, M)
            next.ScatterRows(_slotMemory, present);
            if (observer is not null) Observe(observer, probs, next);
        }
        return score.Result();
    }

    private void Observe(IStepObserver observer, Matrix probs, Matrix next)
    {
        var present = _batcher.Present;
        for (int r = 0; r < present.Length; r++)
        {
            int slot = present[r];
            int sequence = _batcher.SequenceOf(slot);
            if (!observer.Wants(sequence)) continue;
            observer.Step(sequence, _batcher.PositionOf(slot), _batcher.TargetOf(slot), ArgMax(probs.Row(r)), probs.Row(r), next.Row(r));
        }
    }

    /// <summary>Index of the largest value (the first one on ties, as torch.argmax).</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int j = 1; j < row.Length; j++) if (row[j] > row[best]) best = j;
        return best;
    }
}
