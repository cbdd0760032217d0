using System.Globalization;
using System.Text;
using MannRl.Sweeps;

namespace MannRl.Reports.Html;

/// <summary>
/// The HTML of a sweep's report: one self-contained page with one row per setting (runs done, and each headline
/// metric's mean ± standard deviation over seeds with its range), sortable by any column with a click on its header
/// (a few lines of inline script), then the learning curves of every run.
/// </summary>
public static class SweepReportPage
{
    /// <summary>The file name inside <see cref="SweepReport.Folder"/>.</summary>
    public const string FileName = "summary.html";

    /// <summary>The page; <paramref name="curvesPng"/> (the runs' learning curves) is left out when null.</summary>
    public static string Render(string title, SweepManifest manifest, SweepAggregate aggregate, byte[]? curvesPng, DateTimeOffset generated)
    {
        var headline = SweepReport.Headline.Where(h => aggregate.Metrics.Contains(h.Metric)).ToList();
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>mannrl sweep report: ").Append(Html.Escape(title))
         .Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<h1>").Append(Html.Escape(title)).Append("</h1>\n<p class=\"sub\">")
         .Append(Html.Escape(Path.GetFileName(manifest.SweepFile))).Append(": ").Append(manifest.Runs.Count).Append(" runs, ")
         .Append(aggregate.Settings.Sum(s => s.Finished.Count)).Append(" done &middot; report made ")
         .Append(Html.Escape(generated.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</p>\n");
        h.Append("<h2>Settings</h2>\n<p>The last evaluation of each done run: mean &plusmn; sample standard deviation over seeds, ")
         .Append("and the range [min, max]. Click a column's header to sort by it (again to reverse).</p>\n")
         .Append("<table id=\"settings\">\n<thead><tr><th class=\"k\">setting</th><th>runs done</th>");
        foreach (var (_, name) in headline) h.Append("<th>").Append(Html.Escape(name)).Append("</th>");
        h.Append("<th>time (s)</th></tr></thead>\n<tbody>\n");
        foreach (var s in aggregate.Settings)
        {
            h.Append("<tr><td class=\"k\" data-v=\"").Append(Html.Escape(s.Setting)).Append("\">").Append(Html.Escape(s.Setting)).Append("</td>")
             .Append("<td data-v=\"").Append(s.Finished.Count).Append("\">").Append(s.Finished.Count).Append(" / ").Append(s.Runs.Count).Append("</td>");
            foreach (var (metric, _) in headline) Cell(h, s.Final.GetValueOrDefault(metric), 4);
            Cell(h, s.Final.GetValueOrDefault(SweepReport.Time), 1);
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n<h2>Learning curves</h2>\n");
        if (curvesPng is null) h.Append("<p class=\"note\">No run has evaluated yet.</p>\n");
        else h.Append("<figure>").Append(Html.Image(curvesPng, "learning curves of every run")).Append("</figure>\n");
        h.Append("<footer>made by <code>mannrl report</code>; the same figures as <code>summary.md</code>, every final metric in ")
         .Append("<code>summary.csv</code>, the curves over seeds in <code>curves.csv</code></footer>\n<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Cell(StringBuilder h, SampleSummary? v, int digits)
    {
        if (v is null)
        {
            h.Append("<td data-v=\"\">&ndash;</td>");
            return;
        }
        string F(double x) => x.ToString("F" + digits, CultureInfo.InvariantCulture);
        h.Append("<td data-v=\"").Append(v.Mean.ToString("R", CultureInfo.InvariantCulture)).Append("\">").Append(F(v.Mean));
        if (v.Std is { } std) h.Append(" &plusmn; ").Append(F(std));
        if (v.N > 1) h.Append("<span class=\"range\">[").Append(F(v.Min)).Append(", ").Append(F(v.Max)).Append("]</span>");
        h.Append("</td>");
    }

    private const string Style = """

        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; margin: 2em auto; max-width: 1280px; padding: 0 1em; color: #222; }
        h1 { margin-bottom: 0.1em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.8em; }
        .sub, .note, footer, .range { color: #666; } footer { margin-top: 3em; font-size: 0.85em; }
        table { border-collapse: collapse; font-size: 0.9em; } th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #e4e4e4; text-align: right; }
        th { background: #f4f4f4; cursor: pointer; user-select: none; } th:hover { background: #e8e8e8; }
        th.asc::after { content: " \25B2"; } th.desc::after { content: " \25BC"; }
        td { white-space: nowrap; } .range { display: block; font-size: 0.85em; } td.k, th.k { text-align: left; font-family: "DejaVu Sans Mono", monospace; }
        figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }

        """;

    // Numbers sort as numbers, names as text, empty cells last; a second click on a header reverses the order.
    private const string Script = """

        document.querySelectorAll('#settings th').forEach((th, col) => th.addEventListener('click', () => {
          const body = th.closest('table').tBodies[0];
          const desc = th.classList.contains('asc');
          th.parentNode.querySelectorAll('th').forEach(x => x.classList.remove('asc', 'desc'));
          th.classList.add(desc ? 'desc' : 'asc');
          const key = r => r.cells[col].dataset.v;
          const rows = Array.from(body.rows).sort((a, b) => {
            const x = key(a), y = key(b);
            if (x === '' || y === '') return (x === '') - (y === '');
            const c = isNaN(x) || isNaN(y) ? x.localeCompare(y) : x - y;
            return desc ? -c : c;
          });
          rows.forEach(r => body.appendChild(r));
        }));

        """;
}
