using System.Runtime.Serialization;

namespace MannRl.Config;

/// <summary>The log level (config key <c>debug_level</c>).</summary>
public enum LogLevel
{
    /// <summary>Everything (<c>debug</c>).</summary>
    [EnumMember(Value = "debug")] Debug,

    /// <summary>Progress and results (<c>info</c>).</summary>
    [EnumMember(Value = "info")] Info,

    /// <summary>Problems only (<c>warning</c>).</summary>
    [EnumMember(Value = "warning")] Warning,
}
