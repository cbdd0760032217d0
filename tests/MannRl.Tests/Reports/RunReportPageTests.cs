using MannRl.Reports;
using MannRl.Reports.Confusion;
using MannRl.Reports.Curves;
using MannRl.Reports.Figures;
using MannRl.Reports.Html;
using MannRl.Reports.Memory;
using MannRl.Evaluation;

namespace MannRl.Tests.Reports;

public sealed class RunReportPageTests
{
    private static RunReportContent Content(string root)
    {
        var run = SampleRuns.Write(root, "sample-run", 10, answers: true, "memory_dim: 64\nseed: 13\n");
        var rows = MetricsFile.Read(Path.Combine(run, "metrics.csv"));
        var counts = new ConfusionCounts(4);
        for (int i = 0; i < 100; i++) counts.Add(i % 4, i % 7 == 0 ? (i + 1) % 4 : i % 4);
        return new RunReportContent
        {
            Name = "sample-run",
            RunDir = run,
            Config = ConfigValues.OfRun(run),
            Defaults = ConfigValues.Defaults(),
            Metrics = rows,
            CurvesPng = FigureFile.Png(CurvesFigure.Build([new RunCurves("sample-run", rows)]), CurvesFigure.Width, CurvesFigure.Height),
            Checkpoints = ["t1", "v3", "t10"],
            Confusion = new ReportImage("confusion of t10 on validation", ConfusionFigure.Build(counts, ["a", "b", "c", "<d>"], "t10").Png()),
            Heatmaps = [new ReportImage("validation sequence 7 <wrong>", MemoryHeatmapFigure.Build(SampleRuns.Trace(20, 16), "t10").Png())],
            Data = new DataSummary("logic", 100, 50, 0, 14, 13, 2000, 1000, "/data"),
            Timing = new RunTiming(12.5, 10, 5000, 300, Finished: true),
            Notes = ["a note & more"],
        };
    }

    [Fact]
    public void HighlightsConfigValuesThatDifferFromTheDefaults()
    {
        using var tmp = new TempDir();
        var html = RunReportPage.Render(Content(tmp.Path));
        Assert.Contains("<tr class=\"changed\"><td class=\"k\">memory_dim</td><td class=\"k\">64</td>", html);
        Assert.Contains("<tr><td class=\"k\">seed</td><td class=\"k\">13</td><td class=\"k\">13</td></tr>", html);
        Assert.Contains("validation sequence 7 &lt;wrong&gt;", html);
        Assert.Contains("a note &amp; more", html);
        Assert.DoesNotContain("<script", html);
        Assert.Equal(3, html.Split("src=\"data:image/png;base64,").Length - 1);
    }

    [Theory]
    [InlineData("t31", "t", 31)]
    [InlineData("sp12", "sp", 12)]
    [InlineData("latest", "latest", null)]
    public void ReadsTagAndEpochOfCheckpointNames(string name, string tag, int? epoch) =>
        Assert.Equal((tag, epoch), RunReportPage.ParseCheckpoint(name));

    [SkippableFact]
    public void OpensInHeadlessChromiumWithoutErrorsAndWithEveryImageDrawn()
    {
        var browser = HeadlessChromium.Find();
        Requires.Need(browser is not null, HeadlessChromium.RequireVariable, "needs Chromium on PATH (Debian: apt-get install chromium)");
        using var tmp = new TempDir();
        var page = tmp.File("report.html");
        File.WriteAllText(page, RunReportPage.Render(Content(tmp.Path)));
        var state = HeadlessChromium.Open(browser!, page);
        Assert.True(state.Loaded, "the page loaded");
        Assert.Equal("mannrl report: sample-run", state.Title);
        Assert.Empty(state.Errors);
        Assert.Equal(3, state.Images.Count);
        Assert.All(state.Images, i =>
        {
            Assert.True(i.Complete && i.Width > 100 && i.Height > 100, $"image '{i.Alt}' decoded ({i.Width} x {i.Height})");
            Assert.True(i.Colours > 8, $"image '{i.Alt}' is not blank ({i.Colours} colours)");
        });
    }
}
