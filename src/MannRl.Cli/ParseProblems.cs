using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MannRl.Config;

namespace MannRl.Cli;

/// <summary>
/// Parse problems as one line each in the user's terms: an unknown option is named (with the closest known one)
/// instead of being taken for a positional argument such as CONFIG, and a value an option cannot take says what the
/// option takes instead of naming a .NET type.
/// </summary>
internal static class ParseProblems
{
    /// <summary>
    /// Writes the problems of <paramref name="parsed"/> to <paramref name="error"/>, one <c>error:</c> line each (and
    /// where to find the usage, unless the line says so itself); false when there are none and the command can run.
    /// </summary>
    public static bool Report(ParseResult parsed, TextWriter error)
    {
        string? unknown = UnknownOption(parsed);
        string[] lines = unknown is not null ? [unknown] : parsed.Errors.Select(e => BadOptionValue(e) ?? e.Message).Distinct().ToArray();
        if (lines.Length == 0) return false;
        foreach (string line in lines) error.WriteLine($"error: {line}");
        // System.CommandLine's own messages do not say where the usage is; ours name the option and what it takes.
        if (unknown is null && parsed.Errors.Any(e => BadOptionValue(e) is null))
            error.WriteLine("Run 'mannrl --help' (or 'mannrl <command> --help') for usage.");
        return true;
    }

    /// <summary>The first word that looks like an option but was taken as a positional argument or left unmatched.</summary>
    private static string? UnknownOption(ParseResult parsed)
    {
        var positional = new List<string>();
        for (SymbolResult? r = parsed.CommandResult; r is CommandResult command; r = command.Parent)
            foreach (var argument in command.Children.OfType<ArgumentResult>())
                positional.AddRange(argument.Tokens.Select(t => t.Value));
        positional.AddRange(parsed.UnmatchedTokens);
        string? word = positional.FirstOrDefault(LooksLikeOption);
        if (word is null) return null;
        string name = word.Split('=', 2)[0];
        var known = KnownOptions(parsed.CommandResult);
        string? closest = known.MinBy(o => ConfigKeys.EditDistance(name, o));
        string help = HelpCommand(parsed.CommandResult);
        return closest is not null && ConfigKeys.EditDistance(name, closest) <= Math.Max(2, name.Length / 3)
            ? $"unknown option {name}; did you mean {closest}? (see '{help}')"
            : $"unknown option {name}; see '{help}' for the options";
    }

    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The options a command accepts: its own and the recursive ones of its ancestors.</summary>
    private static List<string> KnownOptions(CommandResult command)
    {
        var names = new List<string>();
        bool own = true;
        for (SymbolResult? r = command; r is CommandResult c; r = c.Parent, own = false)
            foreach (var option in c.Command.Options.Where(o => (own || o.Recursive) && !o.Hidden))
            {
                names.Add(option.Name);
                names.AddRange(option.Aliases);
            }
        return names;
    }

    /// <summary>How to ask for the command's help, e.g. <c>mannrl train --help</c>.</summary>
    private static string HelpCommand(CommandResult command)
    {
        var names = new List<string> { "--help" };
        for (CommandResult? c = command; c?.Parent is CommandResult parent; c = parent) names.Insert(0, c.Command.Name);
        return "mannrl " + string.Join(' ', names);
    }

    /// <summary>For a value the option's type cannot hold: what the option takes, and the value given.</summary>
    private static string? BadOptionValue(ParseError error)
    {
        if (error.SymbolResult is not OptionResult { Option: var option } result) return null;
        Type type = option.ValueType.IsArray ? option.ValueType.GetElementType()! : option.ValueType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        var (takes, parses) = Kind(type);
        if (takes is null) return null;
        foreach (var token in result.Tokens)
            if (!parses(token.Value)) return $"{option.Name} must be {takes}, got '{token.Value}'";
        return null;
    }

    private static (string? Takes, Func<string, bool> Parses) Kind(Type type)
    {
        var c = CultureInfo.InvariantCulture;
        if (type == typeof(ulong)) return ("a non-negative integer", v => ulong.TryParse(v, NumberStyles.None, c, out _));
        if (type == typeof(uint)) return ("a non-negative integer", v => uint.TryParse(v, NumberStyles.None, c, out _));
        if (type == typeof(int)) return ("an integer", v => int.TryParse(v, NumberStyles.AllowLeadingSign, c, out _));
        if (type == typeof(long)) return ("an integer", v => long.TryParse(v, NumberStyles.AllowLeadingSign, c, out _));
        if (type == typeof(double)) return ("a number", v => double.TryParse(v, NumberStyles.Float, c, out _));
        if (type == typeof(float)) return ("a number", v => float.TryParse(v, NumberStyles.Float, c, out _));
        if (type == typeof(bool)) return ("true or false", v => bool.TryParse(v, out _));
        return (null, _ => true);
    }
}
