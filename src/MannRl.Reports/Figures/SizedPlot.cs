using ScottPlot;

namespace MannRl.Reports.Figures;

/// <summary>A plot together with the pixel size its layout was computed for.</summary>
/// <param name="Plot">The plot.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record SizedPlot(Plot Plot, int Width, int Height)
{
    /// <summary>Writes the plot as PNG or SVG (by extension).</summary>
    public void Save(string path) => FigureFile.Save(Plot, path, Width, Height);

    /// <summary>The PNG bytes.</summary>
    public byte[] Png() => FigureFile.Png(Plot, Width, Height);
}
