using MannRl.IO;
using ScottPlot;
using SkiaSharp;

namespace MannRl.Reports.Figures;

/// <summary>
/// Writes figures as PNG or SVG, chosen by the file's extension, atomically (a reader never sees half an image).
/// </summary>
public static class FigureFile
{
    /// <summary>The image format of <paramref name="path"/>: <c>.png</c> or <c>.svg</c>; anything else is refused.</summary>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg.</exception>
    public static FigureFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => FigureFormat.Png,
        ".svg" => FigureFormat.Svg,
        var e => throw new ArgumentException($"cannot write a figure as '{e}' ({path}): name the file .png or .svg"),
    };

    /// <summary>Saves <paramref name="plot"/> at <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    public static void Save(Plot plot, string path, int width, int height) =>
        Save(canvas => plot.Render(canvas, width, height), path, width, height);

    /// <summary>Saves <paramref name="figure"/> (several plots) at <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    public static void Save(Multiplot figure, string path, int width, int height) =>
        Save(canvas => figure.Render(canvas, new PixelRect(0, width, height, 0)), path, width, height);

    /// <summary>The PNG bytes of <paramref name="plot"/>.</summary>
    public static byte[] Png(Plot plot, int width, int height) => Png(canvas => plot.Render(canvas, width, height), width, height);

    /// <summary>The PNG bytes of <paramref name="figure"/>.</summary>
    public static byte[] Png(Multiplot figure, int width, int height) =>
        Png(canvas => figure.Render(canvas, new PixelRect(0, width, height, 0)), width, height);

    private static void Save(Action<SKCanvas> draw, string path, int width, int height)
    {
        var format = FormatOf(path);
        if (format == FigureFormat.Png)
        {
            var png = Png(draw, width, height);
            AtomicFile.Write(path, s => s.Write(png));
            return;
        }
        AtomicFile.Write(path, s =>
        {
            // The SVG canvas writes its document when disposed.
            using var managed = new SKManagedWStream(s);
            using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), managed)) draw(canvas);
        });
    }

    private static byte[] Png(Action<SKCanvas> draw, int width, int height)
    {
        FigureStyle.EnsureFonts();
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot allocate a {width} x {height} image");
        surface.Canvas.Clear(SKColors.White);
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}

/// <summary>Image formats a figure is written in.</summary>
public enum FigureFormat
{
    /// <summary>Portable Network Graphics (pixels).</summary>
    Png,

    /// <summary>Scalable Vector Graphics.</summary>
    Svg,
}
