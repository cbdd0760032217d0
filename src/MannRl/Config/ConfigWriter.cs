using System.Globalization;
using System.Text;

namespace MannRl.Config;

/// <summary>
/// Writes the effective configuration as YAML: every key in <see cref="ConfigKeys.Known"/> order, defaults filled in,
/// null values omitted, so that <see cref="ConfigLoader.Parse"/> reads back an equal config. Saved with each run and
/// checkpoint.
/// </summary>
public static class ConfigWriter
{
    /// <summary>The YAML text of <paramref name="config"/>.</summary>
    public static string ToYaml(ExperimentConfig config)
    {
        var text = new StringBuilder();
        text.Append("# effective mannrl config (from ").Append(config.Source).Append(")\n");
        foreach (string key in ConfigKeys.Known)
        {
            object? value = ConfigKeys.Property(key).GetValue(config);
            if (value is null) continue;
            text.Append(key).Append(": ").Append(Format(value)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// A double in a form every YAML reader takes as a float, PyYAML included (which needs a dot):
    /// <c>0.001</c>, <c>1.0e-05</c>, <c>1.0</c>, <c>.inf</c>.
    /// </summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value)) return ".nan";
        if (double.IsInfinity(value)) return value > 0 ? ".inf" : "-.inf";
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        string mantissa = e < 0 ? r : r[..e];
        string exponent = e < 0 ? "" : "e" + r[(e + 1)..];
        if (!mantissa.Contains('.')) mantissa += ".0";
        return mantissa + exponent;
    }

    private static string Format(object value) => value switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        double d => FormatDouble(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        LrDecay or Curriculum or IntRange => value.ToString()!,
        _ => throw new InvalidOperationException($"no YAML form for {value.GetType().Name}"),
    };

    private static string Quote(string s)
    {
        var q = new StringBuilder("\"");
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': q.Append("\\\""); break;
                case '\\': q.Append("\\\\"); break;
                case '\n': q.Append("\\n"); break;
                case '\r': q.Append("\\r"); break;
                case '\t': q.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) q.Append($"\\u{(int)c:x4}");
                    else q.Append(c);
                    break;
            }
        }
        return q.Append('"').ToString();
    }
}
