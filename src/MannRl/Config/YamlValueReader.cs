using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MannRl.Config;

/// <summary>
/// Reads one YAML value into the type of its <see cref="ExperimentConfig"/> property, with YAML 1.2 core-schema
/// resolution of plain scalars (quoted scalars are always strings), and reports a wrong type with the value seen.
/// </summary>
internal static partial class YamlValueReader
{
    private enum ScalarKind { Null, Bool, Int, Float, String }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    /// <summary>Converts <paramref name="value"/> to the type of <paramref name="key"/>'s property.</summary>
    public static object? Read(string source, string key, YamlNode value)
    {
        Type type = ConfigKeys.Property(key).PropertyType;
        bool nullable = Nullable.GetUnderlyingType(type) is not null || !type.IsValueType && IsNullableReference(key);
        if (IsNull(value))
        {
            if (nullable) return null;
            throw Wrong(source, key, value, Expected(type));
        }
        Type core = Nullable.GetUnderlyingType(type) ?? type;
        if (core == typeof(int)) return ReadInt(source, key, value, int.MinValue, int.MaxValue, Expected(type));
        if (core == typeof(ulong)) return ReadUInt64(source, key, value);
        if (core == typeof(double)) return ReadDouble(source, key, value);
        if (core == typeof(bool))
        {
            if (value is YamlScalarNode s && Kind(s) == ScalarKind.Bool) return s.Value!.Equals("true", StringComparison.OrdinalIgnoreCase);
            throw Wrong(source, key, value, Expected(type));
        }
        if (core == typeof(string))
        {
            if (value is YamlScalarNode s && Kind(s) == ScalarKind.String) return s.Value!;
            throw Wrong(source, key, value, Expected(type));
        }
        if (core == typeof(LrDecay)) return ReadLrDecay(source, key, value);
        if (core == typeof(Curriculum)) return ReadCurriculum(source, key, value);
        if (core == typeof(IntRange)) return ReadIntRange(source, key, value);
        throw new InvalidOperationException($"no YAML reader for {type.Name} (key '{key}')");
    }

    /// <summary>1-based line of a node.</summary>
    public static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>The value as the user wrote it, for messages: <c>"abc"</c>, <c>12</c>, <c>[100, 0.5]</c>.</summary>
    public static string Render(YamlNode node) => node switch
    {
        YamlScalarNode s when s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => $"\"{s.Value}\"",
        YamlScalarNode s => string.IsNullOrEmpty(s.Value) ? "null" : s.Value,
        YamlSequenceNode q => "[" + string.Join(", ", q.Children.Select(Render)) + "]",
        YamlMappingNode m => "{" + string.Join(", ", m.Children.Select(p => $"{Render(p.Key)}: {Render(p.Value)}")) + "}",
        _ => node.ToString(),
    };

    private static bool IsNullableReference(string key)
    {
        var context = new System.Reflection.NullabilityInfoContext();
        return context.Create(ConfigKeys.Property(key)).WriteState == System.Reflection.NullabilityState.Nullable;
    }

    private static bool IsNull(YamlNode node) => node is YamlScalarNode s && Kind(s) == ScalarKind.Null;

    private static ScalarKind Kind(YamlScalarNode s)
    {
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return ScalarKind.String;
        string v = s.Value ?? "";
        if (v is "" or "~" or "null" or "Null" or "NULL") return ScalarKind.Null;
        if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return ScalarKind.Bool;
        if (IntPattern().IsMatch(v)) return ScalarKind.Int;
        if (FloatPattern().IsMatch(v) || v.TrimStart('-', '+') is ".inf" or ".Inf" or ".INF" || v is ".nan" or ".NaN" or ".NAN")
            return ScalarKind.Float;
        return ScalarKind.String;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => Kind(s) switch
        {
            ScalarKind.Null => "null",
            ScalarKind.Bool => $"{Render(s)} (a boolean)",
            ScalarKind.Int => $"{Render(s)} (an integer)",
            ScalarKind.Float => $"{Render(s)} (a decimal number)",
            _ => $"{Render(s)} (a string)",
        },
        YamlSequenceNode => $"{Render(node)} (a list)",
        YamlMappingNode => $"{Render(node)} (a mapping)",
        _ => Render(node),
    };

    private static string Expected(Type type)
    {
        bool nullable = Nullable.GetUnderlyingType(type) is not null;
        Type core = Nullable.GetUnderlyingType(type) ?? type;
        string text = core == typeof(int) ? "an integer, e.g. 12"
            : core == typeof(ulong) ? "a non-negative integer, e.g. 13"
            : core == typeof(double) ? "a number, e.g. 0.001"
            : core == typeof(bool) ? "true or false"
            : core == typeof(string) ? "a string, e.g. \"flatdann\""
            : core == typeof(LrDecay) ? "[[milestones...], gamma] or [milestone, gamma], e.g. [[100, 150], 0.5]"
            : core == typeof(Curriculum) ? "[milestone, chunk] or null, e.g. [2000, 500]"
            : core == typeof(IntRange) ? "[min, max], e.g. [2, 20]"
            : core.Name;
        return nullable ? text + " (or null)" : text;
    }

    private static ConfigException Wrong(string source, string key, YamlNode value, string expected) =>
        new(source, key, Line(value), $"expected {expected}, but the value is {Describe(value)}; write the value in that form");

    private static int ReadInt(string source, string key, YamlNode value, long min, long max, string expected)
    {
        if (value is YamlScalarNode s && Kind(s) == ScalarKind.Int)
        {
            if (long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) && v >= min && v <= max)
                return (int)v;
            throw new ConfigException(source, key, Line(value), $"{s.Value} is out of range [{min}, {max}]; use a smaller value");
        }
        throw Wrong(source, key, value, expected);
    }

    private static ulong ReadUInt64(string source, string key, YamlNode value)
    {
        if (value is YamlScalarNode s && Kind(s) == ScalarKind.Int)
        {
            string text = s.Value!.StartsWith('+') ? s.Value[1..] : s.Value;
            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)) return v;
        }
        throw Wrong(source, key, value, Expected(typeof(ulong)));
    }

    private static double ReadDouble(string source, string key, YamlNode value)
    {
        if (value is YamlScalarNode s && Kind(s) is ScalarKind.Int or ScalarKind.Float)
        {
            string v = s.Value!;
            string bare = v.TrimStart('-', '+');
            if (bare is ".inf" or ".Inf" or ".INF") return v.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
            if (bare is ".nan" or ".NaN" or ".NAN") return double.NaN;
            return double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        throw Wrong(source, key, value, Expected(typeof(double)));
    }

    private static LrDecay ReadLrDecay(string source, string key, YamlNode value)
    {
        string expected = Expected(typeof(LrDecay));
        if (value is not YamlSequenceNode { Children.Count: 2 } pair) throw Wrong(source, key, value, expected);
        int[] milestones;
        if (pair.Children[0] is YamlSequenceNode list && list.Children.Count > 0)
            milestones = list.Children.Select(m => ReadInt(source, key, m, int.MinValue, int.MaxValue, expected)).ToArray();
        else if (pair.Children[0] is YamlScalarNode one && Kind(one) == ScalarKind.Int)
            milestones = [ReadInt(source, key, one, int.MinValue, int.MaxValue, expected)];
        else
            throw Wrong(source, key, value, expected);
        double gamma = pair.Children[1] is YamlScalarNode g && Kind(g) is ScalarKind.Int or ScalarKind.Float
            ? ReadDouble(source, key, g)
            : throw Wrong(source, key, value, expected);
        return new LrDecay(milestones, gamma);
    }

    private static Curriculum ReadCurriculum(string source, string key, YamlNode value)
    {
        string expected = Expected(typeof(Curriculum));
        if (value is not YamlSequenceNode { Children.Count: 2 } pair
            || pair.Children.Any(c => c is not YamlScalarNode s || Kind(s) != ScalarKind.Int))
            throw Wrong(source, key, value, expected);
        return new Curriculum(
            ReadInt(source, key, pair.Children[0], int.MinValue, int.MaxValue, expected),
            ReadInt(source, key, pair.Children[1], int.MinValue, int.MaxValue, expected));
    }

    private static IntRange ReadIntRange(string source, string key, YamlNode value)
    {
        string expected = Expected(typeof(IntRange));
        if (value is not YamlSequenceNode { Children.Count: 2 } pair
            || pair.Children.Any(c => c is not YamlScalarNode s || Kind(s) != ScalarKind.Int))
            throw Wrong(source, key, value, expected);
        return new IntRange(
            ReadInt(source, key, pair.Children[0], int.MinValue, int.MaxValue, expected),
            ReadInt(source, key, pair.Children[1], int.MinValue, int.MaxValue, expected));
    }
}
