using System.Globalization;
using MannRl.Reports.Figures;
using MannRl.Reports.Memory;
using MannRl.Evaluation;
using ScottPlot;

namespace MannRl.Reports.Confusion;

/// <summary>
/// A confusion matrix as a picture: rows are true classes, columns predicted ones, each cell the share of its row
/// (so rare classes show as clearly as frequent ones), with the counts written in when the matrix is small. Classes
/// never seen are left out; above <see cref="MaxClasses"/> seen classes, the <see cref="MaxClasses"/> most frequent
/// true classes are drawn (in class order) and the title says so.
/// </summary>
public static class ConfusionFigure
{
    /// <summary>The most classes drawn.</summary>
    public const int MaxClasses = 40;

    /// <summary>Up to this many classes the counts are written in the cells.</summary>
    public const int MaxAnnotated = 20;

    private const int Left = 110, Right = 130, Top = 60;

    /// <summary>The classes drawn, ascending by id.</summary>
    public static int[] Classes(ConfusionCounts counts)
    {
        var seen = counts.SeenLabels();
        if (seen.Length <= MaxClasses) return seen;
        return seen.OrderByDescending(counts.TruthCount).ThenBy(c => c).Take(MaxClasses).Order().ToArray();
    }

    /// <summary>Builds the figure; <paramref name="names"/> are the class names by id.</summary>
    /// <exception cref="ArgumentException">Nothing was counted.</exception>
    public static SizedPlot Build(ConfusionCounts counts, IReadOnlyList<string> names, string title)
    {
        if (counts.Total == 0) throw new ArgumentException("the confusion matrix is empty", nameof(counts));
        var classes = Classes(counts);
        int n = classes.Length, cell = Math.Clamp(640 / n, 14, 48);
        var share = new double[n, n];
        for (int r = 0; r < n; r++)
        {
            long support = counts.TruthCount(classes[r]);
            for (int c = 0; c < n; c++) share[r, c] = support == 0 ? double.NaN : counts[classes[r], classes[c]] / (double)support;
        }

        var labels = classes.Select(c => SymbolText.Visible(names.Count > c ? names[c] : c.ToString(CultureInfo.InvariantCulture))).ToArray();
        // Upright tick labels are not measured by the fixed layout: the axis title goes below the longest one.
        float tickLabels = (float)(labels.Max(l => l.Length) * 6.5);
        int bottom = 50 + (int)tickLabels;
        var plot = FigureStyle.NewPlot();
        plot.Layout.Fixed(new PixelPadding(Left, Right, bottom, Top));
        var map = plot.Add.Heatmap(share);
        map.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues()); // 0 white, 1 dark blue
        map.ManualRange = new ScottPlot.Range(0, 1);
        map.NaNCellColor = Colors.White;
        map.Rectangle = new CoordinateRect(0, n, 0, n);
        FigureStyle.AddColorBar(plot, map, "share of the true class", 0, 1);

        if (n <= MaxAnnotated)
        {
            for (int r = 0; r < n; r++)
            {
                for (int c = 0; c < n; c++)
                {
                    long k = counts[classes[r], classes[c]];
                    if (k == 0) continue;
                    var text = plot.Add.Text(k.ToString(CultureInfo.InvariantCulture), c + 0.5, n - r - 0.5);
                    text.Alignment = Alignment.MiddleCenter;
                    text.LabelFontSize = 10;
                    text.LabelFontColor = share[r, c] > 0.5 ? Colors.White : Colors.Black;
                }
            }
        }

        var x = new ScottPlot.TickGenerators.NumericManual();
        var y = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < n; i++)
        {
            x.AddMajor(i + 0.5, labels[i]);
            y.AddMajor(n - i - 0.5, labels[i]);
        }
        plot.Axes.Bottom.TickGenerator = x;
        plot.Axes.Left.TickGenerator = y;
        plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.XLabel("predicted", 12);
        plot.Axes.Bottom.Label.OffsetY = tickLabels;
        plot.YLabel("true", 12);
        plot.Axes.SetLimits(0, n, 0, n);
        plot.Grid.IsVisible = false;
        var seen = counts.SeenLabels().Length;
        string rule = n < seen ? $"; the {n} most frequent of {seen} true classes" : "";
        plot.Title($"{title}\n{counts.Total} symbols, accuracy {counts.Metrics().Accuracy.ToString("P1", CultureInfo.InvariantCulture)}{rule}", 12);
        return new SizedPlot(plot, Left + n * cell + Right, Top + n * cell + bottom);
    }
}
