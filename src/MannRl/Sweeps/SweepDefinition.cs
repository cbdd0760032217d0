using System.Text.Json.Serialization;

namespace MannRl.Sweeps;

/// <summary>
/// A sweep file as written: a base config, settings (each a list of overrides, optionally named and with a base of
/// its own), a grid (every combination of its values), overrides for every run and the seeds. Read with
/// <see cref="SweepFile"/>, expanded into runs by <see cref="SweepExpansion"/>.
/// </summary>
/// <param name="Source">The sweep file's full path (or a name for text that came from elsewhere).</param>
/// <param name="Directory">The folder relative paths in the file are resolved against.</param>
/// <param name="Base">The base config: a path or a built-in name; null = the built-in default.</param>
/// <param name="Seeds">The seeds every setting runs with; null = the base config's own seed.</param>
/// <param name="Common">Overrides applied to every run before the settings' and the grid's.</param>
/// <param name="Settings">The listed settings (at least one: a sweep without a list has one empty setting).</param>
/// <param name="Grid">Keys and the values each takes; the runs are every combination, for every setting.</param>
public sealed record SweepDefinition(
    string Source,
    string Directory,
    string? Base,
    IReadOnlyList<ulong>? Seeds,
    IReadOnlyList<Override> Common,
    IReadOnlyList<SweepSetting> Settings,
    IReadOnlyList<GridAxis> Grid);

/// <summary>One config override: the key and its value as YAML text (e.g. <c>history</c>, <c>16</c>).</summary>
/// <param name="Key">A config key.</param>
/// <param name="Value">The value in YAML syntax, as <see cref="Config.ConfigLoader.ApplyOverrides"/> reads it.</param>
[JsonConverter(typeof(OverrideJsonConverter))]
public sealed record Override(string Key, string Value)
{
    /// <summary>The form <see cref="Config.ConfigLoader.ApplyOverrides"/> takes: <c>key=value</c>.</summary>
    [JsonIgnore]
    public string Assignment => $"{Key}={Value}";
}

/// <summary>One entry of a sweep's <c>settings</c> list.</summary>
/// <param name="Name">The name given in the file, or null to name the setting by its values.</param>
/// <param name="Base">A base config of its own (path or built-in name), or null for the sweep's.</param>
/// <param name="Overrides">Its config overrides, in file order.</param>
public sealed record SweepSetting(string? Name, string? Base, IReadOnlyList<Override> Overrides);

/// <summary>One key of a sweep's <c>grid</c> and the values it takes, in file order.</summary>
/// <param name="Key">A config key.</param>
/// <param name="Values">Its values as YAML text.</param>
public sealed record GridAxis(string Key, IReadOnlyList<string> Values);

/// <summary>Writes an <see cref="Override"/> as the string <c>key=value</c> (manifests stay readable) and reads it back.</summary>
internal sealed class OverrideJsonConverter : JsonConverter<Override>
{
    public override Override Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        string text = reader.GetString() ?? throw new System.Text.Json.JsonException("an override must be a string key=value");
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new System.Text.Json.JsonException($"override '{text}' is not of the form key=value");
        return new Override(text[..eq], text[(eq + 1)..]);
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, Override value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Assignment);
}
