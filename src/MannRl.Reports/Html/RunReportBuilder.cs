using System.Globalization;
using MannRl.Checkpoints;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Reports.Confusion;
using MannRl.Reports.Curves;
using MannRl.Reports.Figures;
using MannRl.Reports.Memory;
using MannRl.Runs;

namespace MannRl.Reports.Html;

/// <summary>
/// Gathers a single-run report from a run directory: config, metrics, curves and checkpoints from its files; data
/// summary, confusion matrix and memory heatmaps from one evaluation of the validation split by one checkpoint (by
/// default the saved one with the best validation weighted F1). What cannot be had (no checkpoint yet, data not
/// found, a model without memory-net) is left out with a note, so a report can be made of any run at any time.
/// </summary>
public static class RunReportBuilder
{
    /// <summary>How many memory heatmaps of each kind (predicted right, predicted wrong) the report shows.</summary>
    public const int HeatmapsPerKind = 2;

    /// <summary>The split the checkpoint is evaluated on.</summary>
    public const string Split = "validation";

    /// <summary>What to build the report from.</summary>
    /// <param name="RunDir">The run directory.</param>
    /// <param name="DataDir">The data directory (null: the one recorded in run.json, else the default).</param>
    /// <param name="Checkpoint">The checkpoint to evaluate (null: <see cref="ChooseCheckpoint"/>).</param>
    /// <param name="Compute">Threads for the evaluation.</param>
    /// <param name="Log">Receives a line for each step of the work.</param>
    public sealed record Request(string RunDir, string? DataDir, string? Checkpoint, Compute Compute, Action<string>? Log = null);

    /// <summary>Builds the content of the report.</summary>
    /// <exception cref="RunDirectoryException">Not a run directory, or no such checkpoint.</exception>
    public static RunReportContent Build(Request request)
    {
        string runDir = Path.GetFullPath(request.RunDir);
        if (!Directory.Exists(runDir)) throw new RunDirectoryException($"run directory '{request.RunDir}' does not exist; pass the RUNDIR given to 'mannrl train'");
        if (!File.Exists(Path.Combine(runDir, RunFiles.Config)))
            throw new RunDirectoryException($"'{request.RunDir}' has no {RunFiles.Config}; is it a run directory written by 'mannrl train'?");
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(runDir));
        var notes = new List<string>();

        var metricsPath = Path.Combine(runDir, RunFiles.Metrics);
        IReadOnlyList<MetricsRecord> metrics = File.Exists(metricsPath) ? MetricsFile.Read(metricsPath) : [];
        byte[]? curves = metrics.Count == 0 ? null
            : FigureFile.Png(CurvesFigure.Build([new RunCurves(name, metrics)]), CurvesFigure.Width, CurvesFigure.Height);
        var checkpoints = Checkpoint.List(Path.Combine(runDir, RunFiles.Checkpoints));
        var content = new RunReportContent
        {
            Name = name,
            RunDir = runDir,
            Config = ConfigValues.OfRun(runDir),
            Defaults = ConfigValues.Defaults(),
            Metrics = metrics,
            CurvesPng = curves,
            Checkpoints = checkpoints,
            Timing = RunTimingReader.Read(Path.Combine(runDir, RunFiles.Log), metrics),
        };
        if (request.Checkpoint is not null && !checkpoints.Contains(request.Checkpoint))
            throw new RunDirectoryException($"no checkpoint '{request.Checkpoint}' in '{Path.Combine(request.RunDir, RunFiles.Checkpoints)}'; "
                + $"available: {(checkpoints.Count == 0 ? "none yet" : string.Join(", ", checkpoints))}");
        if (checkpoints.Count == 0)
        {
            notes.Add("No checkpoint saved yet: no confusion matrix, no memory heatmaps, no data summary.");
            return content with { Notes = notes };
        }

        string checkpoint = request.Checkpoint ?? ChooseCheckpoint(checkpoints, metrics);
        // Where SavedRun.Open reads the data from (it refuses a recorded directory that has vanished).
        string dataDir = request.DataDir ?? RunInfo.DataDir(runDir) ?? DataDirectory.Resolve(null);
        SavedRun run;
        try
        {
            request.Log?.Invoke($"loading checkpoint {checkpoint} and the data from {dataDir}");
            run = SavedRun.Open(runDir, request.DataDir, checkpoint);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or RunDirectoryException)
        {
            notes.Add($"Could not load the data or the checkpoint ({e.Message}): no confusion matrix, no memory heatmaps, no data summary. "
                + "Pass --data-dir where the data lives.");
            return content with { Notes = notes };
        }
        content = content with { Data = Summary(run.Data, dataDir) };
        notes.Add(request.Checkpoint is null
            ? $"The confusion matrix and the memory heatmaps are of checkpoint {checkpoint} (the saved one with the best validation weighted F1) on the {Split} split."
            : $"The confusion matrix and the memory heatmaps are of checkpoint {checkpoint} on the {Split} split.");

        var target = new EvaluationData(Split, null, run.Data, run.Data.Split(Split));
        if (target.Sequences.Count == 0)
        {
            notes.Add($"The {Split} split is empty: nothing to evaluate.");
            return content with { Notes = notes };
        }
        int batch = run.Config.EvalBatchSize;
        var predictions = target.Sequences.Select(q => new int[q.Length]).ToArray();
        request.Log?.Invoke($"evaluating {checkpoint} on {Split} ({target.Sequences.Count:N0} sequences)");
        var result = run.Evaluate(target, batch, request.Compute, (q, t, _, p) => predictions[q][t] = p);
        string title = $"{name}: {checkpoint} on {Split}";
        var confusion = new ReportImage($"Confusion matrix of {checkpoint} on {Split} (rows: true class, shares of the row; batch {batch}).",
            ConfusionFigure.Build(result.Counts, run.Data.TargetSymbols, title).Png());
        content = content with { Confusion = confusion };

        if (MemoryInspection.Unsupported(run.Config) is { } reason)
        {
            notes.Add($"No memory heatmaps: {reason}.");
            return content with { Notes = notes };
        }
        var right = Enumerable.Range(0, predictions.Length).Where(q => MemoryInspection.Right(run.Data.Scoring, target.Sequences[q], predictions[q])).ToHashSet();
        var chosen = right.Order().Take(HeatmapsPerKind)
            .Concat(Enumerable.Range(0, predictions.Length).Where(q => !right.Contains(q)).Take(HeatmapsPerKind)).ToArray();
        request.Log?.Invoke($"tracing the memory of {Split} sequences {string.Join(", ", chosen)}");
        var (traces, _) = MemoryInspection.Trace(run, target, chosen, batch, request.Compute);
        string rule = run.Data.Scoring.HasAnswer ? "answer" : "every symbol";
        var heatmaps = traces.Select(t => new ReportImage(
            string.Create(CultureInfo.InvariantCulture, $"{Split} sequence {t.SequenceIndex}: {(right.Contains(t.SequenceIndex) ? $"{rule} right" : $"{rule} wrong")}, "
                + $"{t.Steps} steps, {t.Errors} wrong; {UnitSelection.Describe(t.Units)}."),
            MemoryHeatmapFigure.Build(t, $"{title}, sequence {t.SequenceIndex} (batch {batch})").Png())).ToArray();
        if (right.Count == 0) notes.Add($"No {Split} sequence was predicted right: the heatmaps show wrong ones only.");
        if (right.Count == predictions.Length) notes.Add($"Every {Split} sequence was predicted right: the heatmaps show right ones only.");
        return content with { Heatmaps = heatmaps, Notes = notes };
    }

    /// <summary>
    /// The saved checkpoint whose epoch has the best validation weighted F1 (the later one on ties); the newest
    /// checkpoint when no saved one has a validation row.
    /// </summary>
    public static string ChooseCheckpoint(IReadOnlyList<string> checkpoints, IReadOnlyList<MetricsRecord> metrics)
    {
        var scored = checkpoints
            .Select(c => (Name: c, Row: RunReportPage.ParseCheckpoint(c).Epoch is int e
                ? metrics.LastOrDefault(r => r.Epoch == e && r.Split == "validation") : null))
            .Where(c => c.Row is not null)
            .OrderBy(c => c.Row!.WeightedF1).ThenBy(c => c.Row!.Epoch)
            .ToArray();
        return scored.Length > 0 ? scored[^1].Name : checkpoints[^1];
    }

    private static DataSummary Summary(SequenceDataset data, string dataDir) => new(data.Name, data.Train.Count, data.Validation.Count,
        data.Test.Count, data.InputDim, data.TargetDim, data.Train.Sum(q => (long)q.Length), data.Validation.Sum(q => (long)q.Length), dataDir);
}
