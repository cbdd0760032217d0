using System.Globalization;
using System.Text;
using MannRl.Reports.Curves;

namespace MannRl.Reports.Html;

/// <summary>
/// The HTML of a single-run report: one self-contained page (styles inline, images as data URIs, no script) with the
/// key figures, learning curves, metrics table, checkpoints, confusion matrix, memory heatmaps, data, time and speed,
/// and the config with the values that differ from the defaults highlighted.
/// </summary>
public static class RunReportPage
{
    /// <summary>The page.</summary>
    public static string Render(RunReportContent c)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<title>mannrl report: ").Append(Html.Escape(c.Name)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>").Append(Html.Escape(c.Name)).Append("</h1>\n<p class=\"sub\">").Append(Html.Escape(c.RunDir))
         .Append(" &middot; report made ").Append(Html.Escape(c.Generated.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</p>\n");

        KeyFigures(h, c);
        Section(h, "curves", "Learning curves");
        if (c.CurvesPng is { } curves) h.Append("<figure>").Append(Html.Image(curves, "learning curves")).Append("</figure>\n");
        else h.Append("<p class=\"note\">No evaluation yet: nothing to draw.</p>\n");
        MetricsTable(h, c);
        Checkpoints(h, c);
        Section(h, "confusion", "Confusion matrix");
        if (c.Confusion is { } confusion) Figure(h, confusion, wide: false);
        else h.Append("<p class=\"note\">No checkpoint to evaluate.</p>\n");
        Section(h, "memory", "Memory over time");
        if (c.Heatmaps.Count == 0) h.Append("<p class=\"note\">No checkpoint to trace.</p>\n");
        else h.Append("<p>Each column is the memory the memory-net wrote at that step (what the next step reads); under it the input, ")
              .Append("the target, the action net's prediction (white on red where wrong) and the probability it gave that prediction.</p>\n");
        foreach (var map in c.Heatmaps) Figure(h, map, wide: true);
        Data(h, c);
        Timing(h, c);
        Config(h, c);
        if (c.Notes.Count > 0)
        {
            Section(h, "notes", "Notes");
            h.Append("<ul>\n");
            foreach (var n in c.Notes) h.Append("<li>").Append(Html.Escape(n)).Append("</li>\n");
            h.Append("</ul>\n");
        }
        h.Append("<footer>made by <code>mannrl report</code></footer>\n</body>\n</html>\n");
        return h.ToString();
    }

    private const string Style = """

        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; margin: 2em auto; max-width: 1280px; padding: 0 1em; color: #222; }
        h1 { margin-bottom: 0.1em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.8em; }
        .sub, .note, footer { color: #666; } footer { margin-top: 3em; font-size: 0.85em; }
        table { border-collapse: collapse; font-size: 0.9em; } th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #e4e4e4; text-align: right; }
        th { background: #f4f4f4; } td.k, th.k { text-align: left; font-family: "DejaVu Sans Mono", monospace; }
        tr.changed td { background: #fff3b0; } tr.best td { font-weight: bold; }
        .scroll { max-height: 28em; overflow-y: auto; display: inline-block; border: 1px solid #e4e4e4; }
        figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figure.wide { overflow-x: auto; } figure.wide img { max-width: none; }
        figcaption { color: #444; font-size: 0.9em; margin-top: 0.3em; }
        .figures { display: flex; flex-wrap: wrap; gap: 0.6em 2.5em; } .figures div { min-width: 9em; }
        .figures b { display: block; font-size: 1.5em; }

        """;

    private static void Section(StringBuilder h, string id, string title) =>
        h.Append("<h2 id=\"").Append(id).Append("\">").Append(Html.Escape(title)).Append("</h2>\n");

    private static void Figure(StringBuilder h, ReportImage image, bool wide) =>
        h.Append(wide ? "<figure class=\"wide\">" : "<figure>").Append(Html.Image(image.Png, image.Caption))
         .Append("<figcaption>").Append(Html.Escape(image.Caption)).Append("</figcaption></figure>\n");

    private static string F(double? v, string format = "F4") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "&ndash;";

    private static void KeyFigures(StringBuilder h, RunReportContent c)
    {
        var validation = c.Metrics.Where(r => r.Split == "validation").ToArray();
        h.Append("<div class=\"figures\">\n");
        void Item(string label, string value) =>
            h.Append("<div><b>").Append(value).Append("</b>").Append(Html.Escape(label)).Append("</div>\n");
        if (validation.Length > 0)
        {
            var best = validation.MaxBy(r => r.WeightedF1)!;
            var last = validation[^1];
            Item($"best validation weighted F1 (epoch {best.Epoch})", F(best.WeightedF1));
            Item($"last validation weighted F1 (epoch {last.Epoch})", F(last.WeightedF1));
            if (validation.Where(r => r.AnswerAccuracy is not null).MaxBy(r => r.AnswerAccuracy) is { } answers)
                Item($"best validation answer accuracy (epoch {answers.Epoch})", F(answers.AnswerAccuracy, "P1"));
        }
        if (c.Timing is { } t)
        {
            Item(t.Finished ? "training time" : "training time so far", Duration(t.Seconds));
            if (t.Steps is { } steps && t.Seconds > 0) Item("steps per second", F(steps / t.Seconds, "N0"));
        }
        h.Append("</div>\n");
    }

    private static void MetricsTable(StringBuilder h, RunReportContent c)
    {
        Section(h, "metrics", "Metrics per evaluation");
        var epochs = c.Metrics.Select(r => r.Epoch).Distinct().Order().ToArray();
        if (epochs.Length == 0)
        {
            h.Append("<p class=\"note\">metrics.csv has no rows yet.</p>\n");
            return;
        }
        bool answers = c.Metrics.Any(r => r.AnswerAccuracy is not null);
        var validation = c.Metrics.Where(r => r.Split == "validation").ToArray();
        int bestEpoch = validation.Length > 0 ? validation.MaxBy(r => r.WeightedF1)!.Epoch : -1;
        h.Append("<p>Bold: the best validation weighted F1.</p>\n<div class=\"scroll\"><table>\n<tr><th>epoch</th><th>train weighted F1</th><th>validation weighted F1</th>");
        if (answers) h.Append("<th>train answers</th><th>validation answers</th>");
        h.Append("<th>action loss</th><th>memory loss</th><th>elapsed</th></tr>\n");
        foreach (int e in epochs)
        {
            var train = c.Metrics.FirstOrDefault(r => r.Epoch == e && r.Split == "train");
            var val = c.Metrics.FirstOrDefault(r => r.Epoch == e && r.Split == "validation");
            var any = train ?? val!;
            h.Append(e == bestEpoch ? "<tr class=\"best\">" : "<tr>").Append("<td>").Append(e).Append("</td><td>").Append(F(train?.WeightedF1))
             .Append("</td><td>").Append(F(val?.WeightedF1)).Append("</td>");
            if (answers) h.Append("<td>").Append(F(train?.AnswerAccuracy, "P1")).Append("</td><td>").Append(F(val?.AnswerAccuracy, "P1")).Append("</td>");
            h.Append("<td>").Append(F(any.ActionLoss)).Append("</td><td>").Append(F(any.MemoryLoss, "G4")).Append("</td><td>")
             .Append(Duration(any.ElapsedSeconds)).Append("</td></tr>\n");
        }
        h.Append("</table></div>\n");
    }

    private static void Checkpoints(StringBuilder h, RunReportContent c)
    {
        Section(h, "checkpoints", "Checkpoints");
        if (c.Checkpoints.Count == 0)
        {
            h.Append("<p class=\"note\">No checkpoint saved (checkpoints are saved at evaluations).</p>\n");
            return;
        }
        h.Append("<p>Saved when an evaluation set a new best: <code>t</code> train weighted F1, <code>v</code> validation weighted F1 ")
         .Append("(<code>sp</code>: a save point); the number is the epoch.</p>\n<table>\n<tr><th class=\"k\">checkpoint</th><th>saved for</th>")
         .Append("<th>epoch</th><th>train weighted F1</th><th>validation weighted F1</th></tr>\n");
        foreach (var name in c.Checkpoints)
        {
            var (tag, epoch) = ParseCheckpoint(name);
            string meaning = tag switch { "t" => "best train", "v" => "best validation", "sp" => "save point", _ => "" };
            var train = epoch is int e1 ? c.Metrics.FirstOrDefault(r => r.Epoch == e1 && r.Split == "train") : null;
            var val = epoch is int e2 ? c.Metrics.FirstOrDefault(r => r.Epoch == e2 && r.Split == "validation") : null;
            h.Append("<tr><td class=\"k\">").Append(Html.Escape(name)).Append("</td><td>").Append(meaning).Append("</td><td>")
             .Append(epoch?.ToString(CultureInfo.InvariantCulture) ?? "&ndash;").Append("</td><td>").Append(F(train?.WeightedF1))
             .Append("</td><td>").Append(F(val?.WeightedF1)).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    /// <summary>The tag and 1-based epoch of a checkpoint name such as <c>v12</c>; null epoch when the name has none.</summary>
    public static (string Tag, int? Epoch) ParseCheckpoint(string name)
    {
        int digits = name.Length;
        while (digits > 0 && char.IsAsciiDigit(name[digits - 1])) digits--;
        return digits < name.Length && int.TryParse(name[digits..], NumberStyles.None, CultureInfo.InvariantCulture, out int e)
            ? (name[..digits], e) : (name, null);
    }

    private static void Data(StringBuilder h, RunReportContent c)
    {
        Section(h, "data", "Data");
        if (c.Data is not { } d)
        {
            h.Append("<p class=\"note\">The data was not loaded.</p>\n");
            return;
        }
        h.Append("<table>\n");
        void Row(string k, string v) => h.Append("<tr><td class=\"k\">").Append(k).Append("</td><td>").Append(v).Append("</td></tr>\n");
        Row("dataset", Html.Escape(d.Name));
        Row("data directory", Html.Escape(d.DataDir));
        Row("sequences (train / validation / test)", $"{d.Train:N0} / {d.Validation:N0} / {d.Test:N0}");
        Row("symbols (train / validation)", $"{d.TrainSymbols:N0} / {d.ValidationSymbols:N0}");
        if (d.Train > 0) Row("mean training sequence length", F(d.TrainSymbols / (double)d.Train, "F1"));
        Row("input width", d.InputDim.ToString("N0", CultureInfo.InvariantCulture));
        Row("target classes", d.Classes.ToString("N0", CultureInfo.InvariantCulture));
        h.Append("</table>\n");
    }

    private static void Timing(StringBuilder h, RunReportContent c)
    {
        Section(h, "time", "Time and speed");
        if (c.Timing is not { } t)
        {
            h.Append("<p class=\"note\">No evaluation recorded a time yet.</p>\n");
            return;
        }
        h.Append("<table>\n");
        void Row(string k, string v) => h.Append("<tr><td class=\"k\">").Append(k).Append("</td><td>").Append(v).Append("</td></tr>\n");
        Row(t.Finished ? "training time (evaluations included)" : "time to the last evaluation", Duration(t.Seconds));
        Row("epochs", t.Epochs.ToString(CultureInfo.InvariantCulture));
        if (t.Epochs > 0) Row("seconds per epoch", F(t.Seconds / t.Epochs, "F2"));
        if (t.Steps is { } steps)
        {
            Row("training steps", steps.ToString("N0", CultureInfo.InvariantCulture));
            if (t.Seconds > 0) Row("steps per second", F(steps / t.Seconds, "N0"));
        }
        if (t.MemoryTrainings is { } m) Row("memory-net trainings", m.ToString("N0", CultureInfo.InvariantCulture));
        h.Append("</table>\n");
    }

    private static void Config(StringBuilder h, RunReportContent c)
    {
        Section(h, "config", "Config");
        h.Append("<p>The effective config (<code>config.yaml</code>); highlighted: values that differ from the defaults.</p>\n")
         .Append("<table>\n<tr><th class=\"k\">key</th><th class=\"k\">value</th><th class=\"k\">default</th></tr>\n");
        foreach (var (key, value) in c.Config)
        {
            string? fallback = c.Defaults.GetValueOrDefault(key);
            h.Append(fallback == value ? "<tr>" : "<tr class=\"changed\">").Append("<td class=\"k\">").Append(Html.Escape(key))
             .Append("</td><td class=\"k\">").Append(Html.Escape(value)).Append("</td><td class=\"k\">")
             .Append(fallback is null ? "(none)" : Html.Escape(fallback)).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    private static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m {t.Seconds:00}s" : F(seconds, "F1") + " s";
    }
}
