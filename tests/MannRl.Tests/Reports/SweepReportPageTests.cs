using MannRl.Reports.Curves;
using MannRl.Reports.Figures;
using MannRl.Reports.Html;
using MannRl.Sweeps;

namespace MannRl.Tests.Reports;

public sealed class SweepReportPageTests
{
    private static readonly MetricKey ValidationF1 = new("validation", "weighted_f1");

    private static string Render(string root)
    {
        SweepRun Run(int i, string setting, ulong seed) => new(i, setting, seed, [], "");
        var runs = new[] { Run(0, "memory_dim=8", 1), Run(1, "memory_dim=8", 2), Run(2, "memory_dim=16", 1), Run(3, "memory_dim=16", 2) };
        var manifest = new SweepManifest(SweepManifest.CurrentFormat, "/sweeps/tiny.yaml", "/data", DateTimeOffset.UnixEpoch, runs);
        SettingSummary Setting(string name, SweepRun[] of, int done, SampleSummary? f1) => new(name, of, of[..done],
            f1 is null ? new Dictionary<MetricKey, SampleSummary>() : new Dictionary<MetricKey, SampleSummary> { [ValidationF1] = f1 });
        var aggregate = new SweepAggregate(
            [
                Setting("memory_dim=8", runs[..2], 2, new SampleSummary(2, 0.91, 0.02, 0.89, 0.93, 0.73, 1.09)),
                Setting("memory_dim=16 <x>", runs[2..], 0, null),
            ],
            [ValidationF1], []);
        var a = SampleRuns.Write(root, "a", 5, answers: true, "memory_dim: 8\n");
        var b = SampleRuns.Write(root, "b", 5, answers: true, "memory_dim: 16\n", shift: 0.05);
        var curves = CurvesFigure.Build([new RunCurves("memory_dim=8/seed=1", MetricsFile.Read(Path.Combine(a, "metrics.csv"))),
            new RunCurves("memory_dim=16/seed=1", MetricsFile.Read(Path.Combine(b, "metrics.csv")))]);
        return SweepReportPage.Render("tiny", manifest, aggregate, FigureFile.Png(curves, CurvesFigure.Width, CurvesFigure.Height), DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void HasOneRowPerSettingWithSortKeysAndTheCurvesEmbedded()
    {
        using var tmp = new TempDir();
        var html = Render(tmp.Path);
        Assert.Contains("<td data-v=\"0.91\">0.9100 &plusmn; 0.0200<span class=\"range\">[0.8900, 0.9300]</span></td>", html);
        Assert.Contains("<td class=\"k\" data-v=\"memory_dim=16 &lt;x&gt;\">memory_dim=16 &lt;x&gt;</td><td data-v=\"0\">0 / 2</td><td data-v=\"\">&ndash;</td>", html);
        Assert.Contains("<th>validation weighted F1</th>", html);
        Assert.DoesNotContain("best validation weighted F1", html); // only metrics the runs have are columns
        Assert.Single(html.Split("<img src=\"data:image/png;base64,")[1..]);
        Assert.Contains("<script>", html);
    }

    [SkippableFact]
    public void OpensInHeadlessChromiumWithoutScriptErrors()
    {
        var browser = HeadlessChromium.Find();
        Requires.Need(browser is not null, HeadlessChromium.RequireVariable, "needs Chromium on PATH (Debian: apt-get install chromium)");
        using var tmp = new TempDir();
        var page = tmp.File("summary.html");
        File.WriteAllText(page, Render(tmp.Path));
        var state = HeadlessChromium.Open(browser!, page);
        Assert.True(state.Loaded, "the page loaded");
        Assert.Equal("mannrl sweep report: tiny", state.Title);
        Assert.Empty(state.Errors);
        var image = Assert.Single(state.Images);
        Assert.Equal((CurvesFigure.Width, CurvesFigure.Height), (image.Width, image.Height));
        Assert.True(image.Colours > 8, $"the curves are not blank ({image.Colours} colours)");
    }
}
