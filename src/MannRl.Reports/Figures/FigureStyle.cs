using ScottPlot;

namespace MannRl.Reports.Figures;

/// <summary>What every figure shares: a sans-serif font where one is installed, and the run colours.</summary>
internal static class FigureStyle
{
    private static int _fontsChosen;

    /// <summary>Colours of runs 0, 1, ... (Tableau 10, which stays apart for colour-blind readers).</summary>
    public static Color RunColor(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    /// <summary>Chooses a sans-serif default font once (ScottPlot's own choice here is a serif one).</summary>
    public static void EnsureFonts()
    {
        if (Interlocked.Exchange(ref _fontsChosen, 1) == 1) return;
        foreach (var name in new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" })
        {
            var face = Fonts.GetTypeface(name, bold: false, italic: false);
            if (face is null || !face.FamilyName.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            Fonts.Default = name;
            break;
        }
    }

    /// <summary>
    /// A colour bar for <paramref name="source"/> with five ticks from <paramref name="min"/> to <paramref name="max"/>.
    /// Ticks fixed before rendering keep the bar's label clear of them: the fixed layouts these figures use place the
    /// label before the automatic ticks are generated, so it would overlap long tick labels.
    /// </summary>
    public static ScottPlot.Panels.ColorBar AddColorBar(Plot plot, IHasColorAxis source, string label, double min, double max)
    {
        var bar = plot.Add.ColorBar(source);
        bar.Label = label;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        int count = max > min ? 4 : 0;
        for (int i = 0; i <= count; i++)
        {
            double v = count == 0 ? min : min + (max - min) * i / count;
            ticks.AddMajor(v, v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        }
        bar.Axis.TickGenerator = ticks;
        return bar;
    }

    /// <summary>A new plot with the shared style.</summary>
    public static Plot NewPlot()
    {
        EnsureFonts();
        return new Plot();
    }
}
