using MannRl.Reports.Curves;

namespace MannRl.Tests.Reports;

public sealed class CurvesFigureTests
{
    [Fact]
    public void ReadsMetricsByColumnNameWithEmptyOptionalValues()
    {
        using var tmp = new TempDir();
        var run = SampleRuns.Write(tmp.Path, "a", epochs: 3, answers: false, "seed: 13\n");
        var rows = MetricsFile.Read(Path.Combine(run, "metrics.csv"));
        Assert.Equal(6, rows.Count);
        Assert.Equal((1, "train"), (rows[0].Epoch, rows[0].Split));
        Assert.Null(rows[0].AnswerAccuracy);
        Assert.Equal(2.0, rows[0].ActionLoss);
        Assert.Equal(1.5, rows[^1].ElapsedSeconds);
    }

    [Fact]
    public void NamesTheBadValueOfAMalformedMetricsFile()
    {
        using var tmp = new TempDir();
        var path = tmp.File("metrics.csv");
        File.WriteAllText(path, "epoch,split,micro_f1,weighted_precision,weighted_recall,weighted_f1,answer_accuracy,action_loss,memory_loss,elapsed_seconds\n1,train,x,1,1,1,,1,1,1\n");
        var e = Assert.Throws<InvalidDataException>(() => MetricsFile.Read(path));
        Assert.Contains("line 2, column 'micro_f1': 'x' is not a number", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WritesAPngOfTheStatedSize(bool answers)
    {
        using var tmp = new TempDir();
        var run = SampleRuns.Write(tmp.Path, "a", epochs: 12, answers, "seed: 13\n");
        var png = tmp.File("curves.png");
        CurvesFigure.Save([new RunCurves("a", MetricsFile.Read(Path.Combine(run, "metrics.csv")))], png);
        Assert.Equal((CurvesFigure.Width, CurvesFigure.Height), Png.Size(png));
        Assert.True(new FileInfo(png).Length > 10_000, "four panels of curves are more than a blank image");
    }

    [Fact]
    public void WritesSvgByExtensionWithOneLegendEntryPerRun()
    {
        using var tmp = new TempDir();
        var a = SampleRuns.Write(tmp.Path, "a", 8, true, "mem_gamma: 0.9\nseed: 13\n");
        var b = SampleRuns.Write(tmp.Path, "b", 8, true, "mem_gamma: 0.5\nseed: 13\n", shift: 0.03);
        var labels = RunLabels.For([a, b]);
        Assert.Equal(["mem_gamma=0.9", "mem_gamma=0.5"], labels);
        var svg = tmp.File("curves.svg");
        CurvesFigure.Save([new RunCurves(labels[0], MetricsFile.Read(Path.Combine(a, "metrics.csv"))),
            new RunCurves(labels[1], MetricsFile.Read(Path.Combine(b, "metrics.csv")))], svg);
        var text = File.ReadAllText(svg);
        Assert.Contains("<svg", text);
        Assert.Contains("width=\"1200\"", text);
        Assert.Contains("height=\"800\"", text);
    }

    [Fact]
    public void LabelsRunsByDirectoryWhenTooManyValuesDiffer()
    {
        using var tmp = new TempDir();
        var a = SampleRuns.Write(tmp.Path, "first", 2, true, "a1: 1\na2: 1\na3: 1\na4: 1\n");
        var b = SampleRuns.Write(tmp.Path, "second", 2, true, "a1: 2\na2: 2\na3: 2\na4: 2\n");
        Assert.Equal(["first", "second"], RunLabels.For([a, b]));
    }

    [Fact]
    public void RefusesAnUnknownImageExtension()
    {
        using var tmp = new TempDir();
        var run = SampleRuns.Write(tmp.Path, "a", 2, true, "");
        var e = Assert.Throws<ArgumentException>(() =>
            CurvesFigure.Save([new RunCurves("a", MetricsFile.Read(Path.Combine(run, "metrics.csv")))], tmp.File("curves.jpg")));
        Assert.Contains("name the file .png or .svg", e.Message);
    }
}
