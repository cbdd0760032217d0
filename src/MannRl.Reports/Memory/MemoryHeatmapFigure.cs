using System.Globalization;
using MannRl.Reports.Figures;
using ScottPlot;

namespace MannRl.Reports.Memory;

/// <summary>
/// The memory over time for one sequence: a heatmap of (memory units x time steps), column t the memory the
/// memory-net wrote at step t; under it per step the input, the target, the action net's prediction (white on red
/// where wrong) and the probability it gave that prediction, in percent. At most <see cref="MaxSteps"/> steps (the
/// first ones) and <see cref="UnitSelection.MaxUnits"/> units (<see cref="UnitSelection"/>) are drawn; the title
/// states what was left out.
/// </summary>
public static class MemoryHeatmapFigure
{
    /// <summary>The most steps drawn: the first <see cref="MaxSteps"/> of a longer sequence.</summary>
    public const int MaxSteps = 200;

    private const int Left = 112, Right = 130, Top = 56, Bottom = 44;
    private const float FontSize = 11;

    /// <summary>The shape a trace is drawn with: steps (columns) and units (rows) shown, cell sizes, image size.</summary>
    /// <param name="Steps">Steps drawn.</param>
    /// <param name="Units">Memory units drawn, ascending.</param>
    /// <param name="CellWidth">Pixels per step.</param>
    /// <param name="RowHeight">Pixels per memory unit.</param>
    /// <param name="Width">Image width.</param>
    /// <param name="Height">Image height.</param>
    public sealed record Layout(int Steps, int[] Units, int CellWidth, int RowHeight, int Width, int Height);

    /// <summary>The layout <see cref="Build"/> uses for <paramref name="trace"/>.</summary>
    public static Layout LayoutOf(MemoryTrace trace)
    {
        int steps = Math.Min(trace.Steps, MaxSteps);
        return Plan(trace, Rows(trace, steps, CellWidth(steps))).Layout;
    }

    /// <summary>Builds the figure; <paramref name="title"/> heads it (the run, checkpoint and sequence).</summary>
    /// <exception cref="ArgumentException">The trace has no steps.</exception>
    public static SizedPlot Build(MemoryTrace trace, string title)
    {
        if (trace.Steps == 0) throw new ArgumentException("the sequence has no steps", nameof(trace));
        int steps = Math.Min(trace.Steps, MaxSteps);
        int cell = CellWidth(steps);
        var rows = Rows(trace, steps, cell);
        var (layout, textHeight) = Plan(trace, rows);
        int heat = layout.Units.Length * layout.RowHeight;

        var plot = FigureStyle.NewPlot();
        plot.Layout.Fixed(new PixelPadding(Left, Right, Bottom, Top));
        // One y unit is one pixel: the text rows fill [0, textHeight), the heatmap [textHeight, textHeight + heat).
        var values = new double[layout.Units.Length, steps];
        float min = float.MaxValue, max = float.MinValue;
        for (int r = 0; r < layout.Units.Length; r++)
        {
            for (int t = 0; t < steps; t++)
            {
                float v = trace.Memory[t * trace.Units + layout.Units[r]];
                values[r, t] = v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        var map = plot.Add.Heatmap(values);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.Rectangle = new CoordinateRect(0, steps, textHeight, textHeight + heat);
        // The memory-net ends in a Sigmoid: a fixed [0, 1] scale keeps pictures of one run comparable.
        bool unitRange = min >= 0 && max <= 1;
        if (unitRange) map.ManualRange = new ScottPlot.Range(0, 1);
        FigureStyle.AddColorBar(plot, map, "memory value", unitRange ? 0 : min, unitRange ? 1 : max);

        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        double y = textHeight;
        foreach (var row in rows)
        {
            y -= row.Height;
            double centre = y + row.Height / 2.0;
            yTicks.AddMajor(centre, row.Name);
            for (int t = 0; t < steps; t++)
            {
                bool isWrong = row.Wrong is { } wrong && wrong[t];
                if (isWrong)
                {
                    var mark = plot.Add.Rectangle(t + 0.04, t + 0.96, y + 1, y + row.Height - 1);
                    mark.FillColor = Colors.Crimson;
                    mark.LineWidth = 0;
                }
                var text = plot.Add.Text(row.Labels[t], t + 0.5, centre);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = FontSize;
                text.LabelRotation = row.Rotated ? -90 : 0;
                if (isWrong)
                {
                    text.LabelFontColor = Colors.White;
                    text.LabelBold = true;
                }
            }
        }
        int every = Math.Max(1, layout.Units.Length / 8);
        for (int r = 0; r < layout.Units.Length; r += every)
            yTicks.AddMajor(textHeight + heat - (r + 0.5) * layout.RowHeight, $"unit {layout.Units[r]}");
        plot.Axes.Left.TickGenerator = yTicks;

        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        int stride = Math.Max(1, (int)Math.Ceiling(40.0 / cell));
        for (int t = 0; t < steps; t += stride) xTicks.AddMajor(t + 0.5, (t + 1).ToString(CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.XLabel("step", 12);
        plot.Axes.SetLimits(0, steps, 0, textHeight + heat);
        plot.Grid.IsVisible = false;

        string shown = steps < trace.Steps ? $"steps 1-{steps} of {trace.Steps}" : $"{trace.Steps} steps";
        plot.Title($"{title}\n{shown}, {trace.Errors} wrong; {UnitSelection.Describe(trace.Units)}", 12);
        return new SizedPlot(plot, layout.Width, layout.Height);
    }

    private sealed record TextRow(string Name, string[] Labels, bool Rotated, int Height, bool[]? Wrong);

    private static int CellWidth(int steps) => Math.Clamp(1000 / steps, 14, 32);

    private static List<TextRow> Rows(MemoryTrace trace, int steps, int cell)
    {
        var rows = new List<TextRow>();
        var wrong = Enumerable.Range(0, steps).Select(t => trace.Targets[t] != trace.Predictions[t]).ToArray();
        if (trace.InputIds is not null && trace.InputSymbols is not null)
            rows.Add(Row("input", Enumerable.Range(0, steps).Select(t => trace.InputAt(t)!).ToArray(), cell, null));
        rows.Add(Row("target", Enumerable.Range(0, steps).Select(t => trace.TargetSymbols[trace.Targets[t]]).ToArray(), cell, null));
        rows.Add(Row("predicted", Enumerable.Range(0, steps).Select(t => trace.TargetSymbols[trace.Predictions[t]]).ToArray(), cell, wrong));
        rows.Add(Row("p(predicted) %", Enumerable.Range(0, steps)
            .Select(t => Math.Round(100 * trace.PredictedProbability(t)).ToString("0", CultureInfo.InvariantCulture)).ToArray(), cell, null));
        return rows;
    }

    private static TextRow Row(string name, string[] symbols, int cell, bool[]? wrong)
    {
        var labels = symbols.Select(s => SymbolText.Visible(s)).ToArray();
        int longest = labels.Max(l => l.Length);
        // A label wider than its cell is turned upright; its row is then as tall as the longest label.
        double glyph = FontSize * 0.62;
        bool rotate = longest * glyph + 4 > cell;
        int height = rotate ? (int)Math.Ceiling(longest * glyph) + 10 : 22;
        return new TextRow(name, labels, rotate, height, wrong);
    }

    private static (Layout Layout, int TextHeight) Plan(MemoryTrace trace, List<TextRow> rows)
    {
        int steps = Math.Min(trace.Steps, MaxSteps);
        int cell = CellWidth(steps);
        var units = UnitSelection.Choose(trace, steps);
        int rowHeight = Math.Clamp(384 / units.Length, 2, 12);
        int textHeight = rows.Sum(r => r.Height);
        int width = Left + steps * cell + Right;
        int height = Top + units.Length * rowHeight + textHeight + Bottom;
        return (new Layout(steps, units, cell, rowHeight, width, height), textHeight);
    }
}
