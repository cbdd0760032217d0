using System.Diagnostics;
using MannRl.Evaluation;
using MannRl.Training;

namespace MannRl.Reports.Curves;

/// <summary>
/// A training sink that passes everything on to the run directory's sink and redraws <c>RUNDIR/curves.png</c> after
/// an evaluation when the last drawing is at least <see cref="Interval"/> old, and once more at <see cref="Finish"/>.
/// Drawing takes a good part of a second (longer the first time, while its code compiles): drawing after each of a
/// short run's many fast evaluations would slow it down by half, while a run slow enough to watch gets a fresh picture
/// at every evaluation.
/// </summary>
public sealed class CurvesRefresher : ITrainingSink
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "curves.png";

    private readonly ITrainingSink _inner;
    private readonly string _path;
    private readonly string _label;
    private readonly List<MetricsRecord> _rows = [];
    private readonly Stopwatch _sinceDrawn = Stopwatch.StartNew();
    private bool _drawn;

    /// <summary>Wraps <paramref name="inner"/>; the picture goes to <paramref name="runDir"/>/curves.png.</summary>
    public CurvesRefresher(ITrainingSink inner, string runDir, TimeSpan? interval = null)
    {
        _inner = inner;
        _path = Path.Combine(runDir, FileName);
        _label = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDir)));
        Interval = interval ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>The least time between two drawings during training.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Drawings made so far.</summary>
    public int Drawings { get; private set; }

    /// <inheritdoc/>
    public void Log(string message) => _inner.Log(message);

    /// <inheritdoc/>
    public void Metrics(MetricsRow row)
    {
        _inner.Metrics(row);
        var m = row.Metrics;
        _rows.Add(new MetricsRecord(row.Epoch, row.Split, m.MicroF1, m.WeightedF1, m.WeightedPrecision, m.WeightedRecall,
            row.AnswerAccuracy, row.ActionLoss, row.MemoryLoss, row.ElapsedSeconds));
        // Both splits of an evaluation arrive one after the other: draw after the last one.
        _drawn = false;
        if (row.Split == "validation" && _sinceDrawn.Elapsed >= Interval) Draw();
    }

    /// <inheritdoc/>
    public void SaveCheckpoint(string name, TrainingSnapshot state) => _inner.SaveCheckpoint(name, state);

    /// <inheritdoc/>
    public void SaveState(TrainerState state) => _inner.SaveState(state);

    /// <summary>Draws the final picture (when anything was evaluated and it is not drawn yet).</summary>
    public void Finish()
    {
        if (_rows.Count > 0 && !_drawn) Draw();
    }

    private void Draw()
    {
        CurvesFigure.Save([new RunCurves(_label, _rows.ToArray())], _path);
        Drawings++;
        _drawn = true;
        _sinceDrawn.Restart();
    }
}
