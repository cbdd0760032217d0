using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace MannRl.Cli;

/// <summary>
/// The help of System.CommandLine, with optional arguments shown as optional: its command list writes every argument
/// as <c>&lt;CONFIG&gt;</c>, so <c>train &lt;CONFIG&gt; &lt;RUNDIR&gt;</c> read as if both were required. Here an
/// optional argument is written <c>[CONFIG]</c> (same width: the columns stay aligned); required ones keep
/// <c>&lt;RUNDIR&gt;</c>.
/// </summary>
internal sealed class OptionalArgumentsHelp(HelpAction inner) : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override bool ClearsParseErrors => true;

    /// <summary>Puts this help behind the help option of <paramref name="root"/> (recursive: every command's help).</summary>
    public static void Install(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new OptionalArgumentsHelp((HelpAction)option.Action!);
    }

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        TextWriter output = configuration.Output;
        var buffer = new StringWriter();
        configuration.Output = buffer;
        int code;
        try
        {
            code = inner.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }
        output.Write(Rewrite(buffer.ToString(), parseResult.CommandResult.Command));
        return code;
    }

    /// <summary>The help text with the optional arguments of <paramref name="command"/>'s subcommands, and its own, bracketed.</summary>
    internal static string Rewrite(string help, Command command)
    {
        var lines = help.Split('\n');
        foreach (var sub in command.Subcommands.Where(s => !s.Hidden))
        {
            var arguments = sub.Arguments.Where(a => !a.Hidden).ToArray();
            if (!arguments.Any(Optional)) continue;
            string shown = "  " + sub.Name + string.Concat(arguments.Select(a => " <" + Name(a) + ">"));
            string wanted = "  " + sub.Name + string.Concat(arguments.Select(a => " " + Label(a)));
            for (int i = 0; i < lines.Length; i++)
                if (lines[i].StartsWith(shown, StringComparison.Ordinal)) lines[i] = wanted + lines[i][shown.Length..];
        }
        foreach (var argument in command.Arguments.Where(a => !a.Hidden && Optional(a)))
        {
            string shown = "  <" + Name(argument) + ">";
            for (int i = 0; i < lines.Length; i++)
                if (lines[i].StartsWith(shown, StringComparison.Ordinal)) lines[i] = "  " + Label(argument) + lines[i][shown.Length..];
        }
        return string.Join('\n', lines);
    }

    private static bool Optional(Argument a) => a.Arity.MinimumNumberOfValues == 0;

    private static string Name(Argument a) => a.HelpName ?? a.Name;

    private static string Label(Argument a) => Optional(a) ? "[" + Name(a) + "]" : "<" + Name(a) + ">";
}
