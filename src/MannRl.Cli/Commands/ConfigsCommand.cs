using System.CommandLine;
using MannRl.Config;

namespace MannRl.Cli.Commands;

/// <summary>
/// <c>mannrl configs</c>: the built-in configs (the repository's <c>configs/**.yaml</c>, shipped inside the tool), one
/// line each with the summary the file's first comment line gives; <c>mannrl configs show NAME</c> prints one.
/// </summary>
internal static class ConfigsCommand
{
    public static Command Create()
    {
        var cmd = new Command("configs", "List the built-in configs (usable by name: mannrl train logic/logic_m_resets); 'configs show NAME' prints one.");
        cmd.SetAction(_ => ExitCodes.Guard(() =>
        {
            var names = ConfigLoader.BuiltInNames();
            int width = names.Max(n => n.Length);
            foreach (string name in names) Console.WriteLine($"{name.PadRight(width)}  {Summary(ConfigLoader.BuiltInText(name))}");
            return ExitCodes.Ok;
        }));
        var name = new Argument<string>("NAME") { Description = "A built-in config, e.g. logic/logic_m_resets (or logic_m_resets)." };
        var show = new Command("show", "Print a built-in config as shipped, comments included (save it to a file to edit it).") { name };
        show.SetAction(p => ExitCodes.Guard(() =>
        {
            Console.Write(ConfigLoader.BuiltInText(p.GetValue(name)!));
            return ExitCodes.Ok;
        }));
        cmd.Subcommands.Add(show);
        return cmd;
    }

    /// <summary>The first line of a config when it is a comment (every shipped config starts with its summary), else empty.</summary>
    internal static string Summary(string text)
    {
        string first = text.Split('\n', 2)[0].TrimEnd('\r');
        return first.StartsWith('#') ? first.TrimStart('#').Trim() : "";
    }
}
