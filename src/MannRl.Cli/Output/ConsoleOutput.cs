using Spectre.Console;

namespace MannRl.Cli.Output;

/// <summary>
/// How the command talks to its user. <see cref="OutputMode.Live"/> (stdout is a terminal): colours and a live
/// progress display. <see cref="OutputMode.Plain"/> (stdout is a pipe or file, <c>NO_COLOR</c> or <c>CI</c> is set,
/// <c>TERM=dumb</c>, or <c>--quiet</c>): plain lines without any ANSI escape code, progress as a line every
/// <see cref="PlainInterval"/>; <c>--quiet</c> also drops the progress lines and the echo of the run's log.
/// </summary>
internal static class ConsoleOutput
{
    /// <summary>Environment variable setting the seconds between plain progress lines (default 20).</summary>
    public const string IntervalVariable = "MANNRL_PROGRESS_SECONDS";

    private static readonly object Gate = new();

    /// <summary>The mode chosen by <see cref="Configure"/>.</summary>
    public static OutputMode Mode { get; private set; } = OutputMode.Plain;

    /// <summary>Whether <c>--quiet</c> was given.</summary>
    public static bool Quiet { get; private set; }

    /// <summary>Time between two plain progress lines.</summary>
    public static TimeSpan PlainInterval { get; private set; } = TimeSpan.FromSeconds(20);

    /// <summary>Chooses the mode from the environment and <paramref name="quiet"/>, and sets up Spectre's console for it.</summary>
    public static void Configure(bool quiet)
    {
        Quiet = quiet;
        Mode = Choose(quiet, Console.IsOutputRedirected, Environment.GetEnvironmentVariable);
        PlainInterval = ReadInterval(Environment.GetEnvironmentVariable(IntervalVariable));
        AnsiConsole.Console = Create(Mode, Console.Out);
    }

    /// <summary>The mode for these circumstances (<paramref name="environment"/> reads a variable).</summary>
    public static OutputMode Choose(bool quiet, bool outputRedirected, Func<string, string?> environment)
    {
        static bool Set(string? v) => !string.IsNullOrEmpty(v);
        if (quiet || outputRedirected || Set(environment("NO_COLOR")) || Set(environment("CI")) || environment("TERM") == "dumb")
            return OutputMode.Plain;
        return OutputMode.Live;
    }

    /// <summary>A Spectre console writing to <paramref name="writer"/>: ANSI and interaction only in live mode.</summary>
    public static IAnsiConsole Create(OutputMode mode, TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = mode == OutputMode.Live ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = mode == OutputMode.Live ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = mode == OutputMode.Live ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        // A pipe has no width: Spectre would assume 80 columns and wrap long lines and tables.
        if (mode == OutputMode.Plain) console.Profile.Width = PlainWidth;
        return console;
    }

    /// <summary>The width tables may take when output is not a terminal.</summary>
    public const int PlainWidth = 200;

    /// <summary>One line of text (never read as markup, never wrapped); in live mode it appears above the progress display.</summary>
    public static void Line(string text)
    {
        lock (Gate)
        {
            if (Mode == OutputMode.Live) AnsiConsole.Console.WriteLine(text);
            else Console.Out.WriteLine(text);
        }
    }

    /// <summary>One line of the run's log, unless <c>--quiet</c>; a warning always, on stderr.</summary>
    public static void LogLine(string text)
    {
        // Warnings reach the user even with --quiet, on stderr where errors go (in live mode above the display).
        if (text.StartsWith("warning:", StringComparison.Ordinal) && Mode != OutputMode.Live)
        {
            lock (Gate) Console.Error.WriteLine(text);
        }
        else if (!Quiet || text.StartsWith("warning:", StringComparison.Ordinal))
        {
            Line(text);
        }
    }

    private static TimeSpan ReadInterval(string? value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double s) && s > 0
            ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(20);
}

/// <summary>How output looks.</summary>
internal enum OutputMode
{
    /// <summary>Plain lines, no ANSI codes.</summary>
    Plain,

    /// <summary>A terminal: colours and live progress.</summary>
    Live,
}
