using System.Diagnostics;
using System.Globalization;
using MannRl.Evaluation;
using MannRl.Training;

namespace MannRl.Cli.Output;

/// <summary>
/// Turns a running trainer's <see cref="TrainingProgress"/> into what the display shows: epoch i/N, training steps
/// per second since the last look, the last action and memory losses and the last validation weighted F1 (or, while
/// evaluating, how far the evaluation is).
/// </summary>
internal sealed class TrainingProgressView(TrainingProgress progress)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _lastSteps;
    private double _lastSeconds, _rate;

    /// <summary>The state now (called from the display's timer thread).</summary>
    public ProgressState Poll()
    {
        lock (_gate)
        {
            long steps = progress.Steps;
            double now = _clock.Elapsed.TotalSeconds;
            // Keep the last rate while evaluating: no training steps happen then.
            if (now - _lastSeconds >= 0.2 && steps > _lastSteps)
            {
                _rate = (steps - _lastSteps) / (now - _lastSeconds);
                _lastSteps = steps;
                _lastSeconds = now;
            }
            else if (steps == _lastSteps)
            {
                _lastSeconds = now;
            }
            return new ProgressState(progress.Fraction, Detail());
        }
    }

    private string Detail()
    {
        var d = new System.Text.StringBuilder();
        d.Append(CultureInfo.InvariantCulture, $"epoch {Math.Max(progress.Epoch, 1)}/{progress.Epochs}");
        if (progress.Evaluating)
            d.Append(progress.Evaluation is { SymbolsTotal: > 0 } e
                ? string.Create(CultureInfo.InvariantCulture, $"  evaluating {100.0 * e.SymbolsDone / e.SymbolsTotal:F0}%") : "  evaluating");
        else if (_rate > 0)
            d.Append(CultureInfo.InvariantCulture, $"  {_rate:N0} steps/s");
        if (!double.IsNaN(progress.LastActionLoss)) d.Append(CultureInfo.InvariantCulture, $"  action loss {progress.LastActionLoss:F3}");
        if (!double.IsNaN(progress.LastMemoryLoss)) d.Append(CultureInfo.InvariantCulture, $"  memory loss {progress.LastMemoryLoss:G4}");
        if (progress.LastEvaluatedEpoch > 0)
            d.Append(CultureInfo.InvariantCulture, $"  val wF1 {progress.LastValidationF1:F4} (ep {progress.LastEvaluatedEpoch})");
        return d.ToString();
    }
}
