using System.Net;

namespace MannRl.Reports.Html;

/// <summary>Small pieces of HTML shared by the reports.</summary>
public static class Html
{
    /// <summary>Text escaped for element content and attribute values.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A PNG image embedded as a data URI, so the page needs no other file.</summary>
    public static string PngDataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    /// <summary>An <c>img</c> element showing <paramref name="png"/>, described by <paramref name="alt"/>.</summary>
    public static string Image(byte[] png, string alt) =>
        $"<img src=\"{PngDataUri(png)}\" alt=\"{Escape(alt)}\">";
}
