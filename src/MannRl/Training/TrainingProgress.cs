using MannRl.Evaluation;

namespace MannRl.Training;

/// <summary>
/// Where a running <see cref="Trainer"/> stands, for a progress display on another thread: the trainer only stores
/// numbers here (nothing allocated, no call out per step) and a display polls them at its own rate. Values read
/// while training runs may be a step apart from each other.
/// </summary>
public sealed class TrainingProgress
{
    /// <summary>1-based epoch being trained or evaluated; 0 before the first.</summary>
    public int Epoch { get; private set; }

    /// <summary>Epochs in the run.</summary>
    public int Epochs { get; internal set; }

    /// <summary>Symbols (sequence steps) in the current epoch's training pass.</summary>
    public long EpochSymbols { get; private set; }

    /// <summary>Symbols of the current pass trained so far.</summary>
    public long EpochSymbolsDone { get; private set; }

    /// <summary>Training steps so far (one per batch of symbols).</summary>
    public long Steps { get; private set; }

    /// <summary>The last step's action loss (NaN before the first step).</summary>
    public double LastActionLoss { get; private set; } = double.NaN;

    /// <summary>The last memory-net training's loss (NaN before the first one).</summary>
    public double LastMemoryLoss { get; private set; } = double.NaN;

    /// <summary>Weighted F1 on validation at the last evaluation (NaN before the first).</summary>
    public double LastValidationF1 { get; private set; } = double.NaN;

    /// <summary>Epoch of the last evaluation (0 before the first).</summary>
    public int LastEvaluatedEpoch { get; private set; }

    /// <summary>Whether the trainer is evaluating rather than training.</summary>
    public bool Evaluating { get; private set; }

    /// <summary>How far the trainer's evaluator is (while <see cref="Evaluating"/>).</summary>
    public IEvaluationProgress? Evaluation { get; internal set; }

    /// <summary>Share of the whole run done, in [0, 1], counting each epoch's training pass.</summary>
    public double Fraction => Epochs == 0 ? 0
        : Math.Clamp((Math.Max(Epoch - 1, 0) + (EpochSymbols == 0 ? 0 : EpochSymbolsDone / (double)EpochSymbols)) / Epochs, 0, 1);

    internal void BeginEpoch(int epoch, long symbols)
    {
        Epoch = epoch;
        EpochSymbols = symbols;
        EpochSymbolsDone = 0;
    }

    internal void StepDone(int symbols, float actionLoss)
    {
        EpochSymbolsDone += symbols;
        Steps++;
        LastActionLoss = actionLoss;
    }

    internal void MemoryTrained(float loss) => LastMemoryLoss = loss;

    internal void BeginEvaluation() => Evaluating = true;

    internal void EndEvaluation(int epoch, double validationF1)
    {
        LastEvaluatedEpoch = epoch;
        LastValidationF1 = validationF1;
        Evaluating = false;
    }
}
