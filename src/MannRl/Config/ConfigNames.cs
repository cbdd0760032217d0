using System.Reflection;
using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>
/// The config spellings of an enum's values: each member's <c>[EnumMember(Value = "flatmnnNA")]</c>, in the order the
/// members are declared. The enum is the one list of a key's allowed values; matching is exact (case-sensitive), as
/// in the original's string comparisons.
/// </summary>
/// <typeparam name="T">An enum whose every member carries an <see cref="EnumMemberAttribute"/> with its config name.</typeparam>
public static class ConfigNames<T>
    where T : struct, Enum
{
    private static readonly (string Name, T Value)[] Entries = Enum.GetValues<T>()
        .Select(value => (typeof(T).GetField(value.ToString())!.GetCustomAttribute<EnumMemberAttribute>()?.Value
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{value} has no [EnumMember(Value = ...)] config name"), value))
        .ToArray();

    /// <summary>Every allowed name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>The config name of <paramref name="value"/>.</summary>
    public static string Of(T value)
    {
        foreach (var (name, v) in Entries)
            if (EqualityComparer<T>.Default.Equals(v, value)) return name;
        throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}");
    }

    /// <summary>True, with the value, when <paramref name="name"/> is one of <see cref="All"/> exactly.</summary>
    public static bool TryParse(string name, out T value)
    {
        foreach (var (n, v) in Entries)
        {
            if (n != name) continue;
            value = v;
            return true;
        }
        value = default;
        return false;
    }
}
