using System.Buffers.Binary;
using System.Text;
using MannRl.Checkpoints;
using MannRl.Reports.Confusion;
using MannRl.Reports.Memory;
using MannRl.Evaluation;

namespace MannRl.Tests.Reports;

public sealed class MemoryFigureTests
{
    [Fact]
    public void DrawsEveryStepAndUnitOfASmallTrace()
    {
        var trace = SampleRuns.Trace(steps: 30, units: 64);
        var layout = MemoryHeatmapFigure.LayoutOf(trace);
        Assert.Equal(30, layout.Steps);
        Assert.Equal(Enumerable.Range(0, 64), layout.Units);
        var figure = MemoryHeatmapFigure.Build(trace, "test");
        Assert.Equal((layout.Width, layout.Height), (figure.Width, figure.Height));
        Assert.Equal((figure.Width, figure.Height), Png.Size(figure.Png()));
        Assert.True(layout.Width > 30 * layout.CellWidth && layout.Height > 64 * layout.RowHeight, "the heatmap fits inside the image");
    }

    [Fact]
    public void CropsLongSequencesAndKeepsTheMostVaryingUnitsOfWideMemories()
    {
        var trace = SampleRuns.Trace(steps: 300, units: 1024);
        var layout = MemoryHeatmapFigure.LayoutOf(trace);
        Assert.Equal(MemoryHeatmapFigure.MaxSteps, layout.Steps);
        Assert.Equal(UnitSelection.MaxUnits, layout.Units.Length);
        // Odd units barely move (x 0.01): the chosen ones are even, ascending.
        Assert.All(layout.Units, u => Assert.Equal(0, u % 2));
        Assert.Equal(layout.Units.Order(), layout.Units);
        Assert.Contains("256 of 1024 memory units that vary most", UnitSelection.Describe(1024));
        var figure = MemoryHeatmapFigure.Build(trace, "wide");
        Assert.Equal((layout.Width, layout.Height), Png.Size(figure.Png()));
    }

    [Fact]
    public void DumpsTheTraceAsNpyForNumpy()
    {
        using var tmp = new TempDir();
        var trace = SampleRuns.Trace(steps: 5, units: 3);
        var path = tmp.File("trace.npy");
        MemoryTraceFile.Write(path, trace);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }, bytes[..6]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 3), }", header);
        Assert.EndsWith("\n", header);
        var values = new float[15];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, 60);
        Assert.Equal(trace.Memory, values);
        Assert.Equal(10 + headerLength + 60, bytes.Length);
    }

    [Fact]
    public void DumpsTheTraceAsSafetensorsWithIdsAndSymbols()
    {
        using var tmp = new TempDir();
        var trace = SampleRuns.Trace(steps: 6, units: 4);
        var path = tmp.File("trace.safetensors");
        MemoryTraceFile.Write(path, trace);
        var (tensors, meta) = SafeTensors.Read(path);
        Assert.Equal([6, 4], tensors["memory"].Shape);
        Assert.Equal([6, trace.Classes], tensors["probabilities"].Shape);
        Assert.Equal(trace.Predictions.Select(p => (float)p), tensors["predictions"].Data);
        Assert.Equal(trace.InputIds!.Select(p => (float)p), tensors["inputs"].Data);
        Assert.Equal("validation", meta["split"]);
        Assert.Contains("\"?\"", meta["target_symbols"]);
        Assert.Throws<ArgumentException>(() => MemoryTraceFile.Write(tmp.File("trace.csv"), trace));
    }

    [Fact]
    public void ConfusionFigureKeepsTheMostFrequentClassesOfALargeMatrix()
    {
        int n = ConfusionFigure.MaxClasses + 10;
        var counts = new ConfusionCounts(n);
        for (int c = 0; c < n; c++)
            for (int k = 0; k <= c; k++) counts.Add(c, k % 3 == 0 ? (c + 1) % n : c); // class c has support c + 1
        var shown = ConfusionFigure.Classes(counts);
        Assert.Equal(Enumerable.Range(10, ConfusionFigure.MaxClasses), shown);
        var figure = ConfusionFigure.Build(counts, Enumerable.Range(0, n).Select(i => $"c{i}").ToArray(), "big");
        Assert.Equal((figure.Width, figure.Height), Png.Size(figure.Png()));
    }
}
