namespace MannRl.IO;

/// <summary>RFC 4180 quoting for CSV fields (POS tags include <c>,</c> and quotes).</summary>
internal static class Csv
{
    /// <summary>The field as written: quoted, with doubled quotes, when it holds a comma, quote or line break.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
