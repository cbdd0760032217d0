using MannRl.Reports.Figures;
using ScottPlot;

namespace MannRl.Reports.Curves;

/// <summary>
/// Learning curves of one or more runs on shared axes, four panels: weighted F1; answer accuracy (tasks with an
/// answer at the end; otherwise micro F1, the share of symbols predicted right); action loss; memory loss. Each run
/// has its colour; validation is drawn solid, train dashed.
/// </summary>
public static class CurvesFigure
{
    /// <summary>Default image width in pixels.</summary>
    public const int Width = 1200;

    /// <summary>Default image height in pixels.</summary>
    public const int Height = 800;

    /// <summary>Builds the figure.</summary>
    /// <exception cref="ArgumentException">No runs were given.</exception>
    public static Multiplot Build(IReadOnlyList<RunCurves> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("no runs to plot", nameof(runs));
        FigureStyle.EnsureFonts();
        var figure = new Multiplot();
        figure.AddPlots(4);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);
        var f1 = figure.GetPlot(0);
        var accuracy = figure.GetPlot(1);
        var actionLoss = figure.GetPlot(2);
        var memoryLoss = figure.GetPlot(3);

        bool answers = runs.Any(r => r.Rows.Any(x => x.AnswerAccuracy is not null));
        for (int i = 0; i < runs.Count; i++)
        {
            var color = FigureStyle.RunColor(i);
            foreach (var split in new[] { "validation", "train" })
            {
                var rows = runs[i].Rows.Where(r => r.Split == split).OrderBy(r => r.Epoch).ToArray();
                Line(f1, rows, r => r.WeightedF1, color, split);
                Line(accuracy, rows, r => answers ? r.AnswerAccuracy : r.MicroF1, color, split);
            }
            // Both splits' rows carry the epoch's losses; the train rows hold them once.
            var losses = runs[i].Rows.Where(r => r.Split == "train").OrderBy(r => r.Epoch).ToArray();
            Line(actionLoss, losses, r => r.ActionLoss, color, "validation");
            Line(memoryLoss, losses, r => r.MemoryLoss, color, "validation");
        }

        Style(f1, "weighted F1 (solid: validation, dashed: train)");
        Style(accuracy, answers ? "answer accuracy (last symbol)" : "symbol accuracy (micro F1)");
        Style(actionLoss, "action loss (mean per epoch)");
        Style(memoryLoss, "memory loss (mean per epoch)");
        if (!memoryLoss.GetPlottables().Any())
        {
            var note = memoryLoss.Add.Text("the memory-net did not train", 0.5, 0.5);
            note.Alignment = Alignment.MiddleCenter;
            memoryLoss.Axes.SetLimits(0, 1, 0, 1);
        }
        f1.ShowLegend(Legend(runs), Alignment.LowerRight);
        return figure;
    }

    /// <summary>Builds the figure and writes it (PNG or SVG by extension) at <see cref="Width"/> x <see cref="Height"/>.</summary>
    public static void Save(IReadOnlyList<RunCurves> runs, string path) => FigureFile.Save(Build(runs), path, Width, Height);

    private static void Line(Plot plot, MetricsRecord[] rows, Func<MetricsRecord, double?> value, Color color, string split)
    {
        var points = rows.Select(r => (X: (double)r.Epoch, Y: value(r))).Where(p => p.Y is { } y && double.IsFinite(y)).ToArray();
        if (points.Length == 0) return;
        var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray(), color);
        line.LineWidth = 1.5f;
        line.MarkerSize = points.Length == 1 ? 6 : 0; // a single evaluation still shows
        line.LinePattern = split == "train" ? LinePattern.Dashed : LinePattern.Solid;
    }

    private static void Style(Plot plot, string title)
    {
        plot.Title(title, 13);
        plot.XLabel("epoch", 12);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
    }

    private static IEnumerable<LegendItem> Legend(IReadOnlyList<RunCurves> runs)
    {
        if (runs.Count == 1)
        {
            var c = FigureStyle.RunColor(0);
            yield return new LegendItem { LabelText = "validation", LineColor = c, LineWidth = 1.5f, LinePattern = LinePattern.Solid };
            yield return new LegendItem { LabelText = "train", LineColor = c, LineWidth = 1.5f, LinePattern = LinePattern.Dashed };
            yield break;
        }
        for (int i = 0; i < runs.Count; i++)
            yield return new LegendItem { LabelText = runs[i].Label, LineColor = FigureStyle.RunColor(i), LineWidth = 2f };
    }
}
