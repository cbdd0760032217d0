using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MannRl.Cli.Output;

/// <summary>
/// Shows the progress of a long piece of work that runs on the calling thread. The work only updates numbers; the
/// display polls <c>poll</c> from a timer thread (every <see cref="LiveRefresh"/> in live mode, every
/// <see cref="ConsoleOutput.PlainInterval"/> as a plain line otherwise), so the work's hot loop pays nothing for it.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>How often the live display is redrawn.</summary>
    public static readonly TimeSpan LiveRefresh = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs <paramref name="work"/> under a display titled <paramref name="title"/>.</summary>
    public static T Run<T>(string title, Func<ProgressState> poll, Func<T> work) =>
        Run(AnsiConsole.Console, ConsoleOutput.Mode, ConsoleOutput.Quiet ? null : ConsoleOutput.PlainInterval, title, poll, work);

    /// <summary>
    /// Runs <paramref name="work"/> with an explicit console and mode; <paramref name="plainInterval"/> null prints no
    /// plain progress lines (<c>--quiet</c>).
    /// </summary>
    public static T Run<T>(IAnsiConsole console, OutputMode mode, TimeSpan? plainInterval, string title, Func<ProgressState> poll, Func<T> work)
    {
        if (mode == OutputMode.Live) return Live(console, title, poll, work);
        if (plainInterval is not { } interval) return work();
        var clock = Stopwatch.StartNew();
        TimeSpan? measuredFrom = null; // the ETA counts from the first known fraction, not from loading data
        var gate = new object();
        using var timer = new Timer(_ =>
        {
            var s = poll();
            if (!double.IsNaN(s.Fraction)) measuredFrom ??= clock.Elapsed;
            var measured = clock.Elapsed - (measuredFrom ?? clock.Elapsed);
            string line = $"[{Duration(clock.Elapsed)}] {title}: {Percent(s.Fraction)}{s.Detail}{Eta(measured, s.Fraction)}";
            lock (gate) console.Profile.Out.Writer.WriteLine(line); // unwrapped, as the log lines around it
        }, null, interval, interval);
        try
        {
            return work();
        }
        finally
        {
            // Wait for a tick in flight so that no progress line lands after the work's own last lines.
            using var done = new ManualResetEvent(false);
            timer.Dispose(done);
            done.WaitOne();
        }
    }

    private static T Live<T>(IAnsiConsole console, string title, Func<ProgressState> poll, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? measuredFrom = null;
        int frame = 0;
        IRenderable View(bool done)
        {
            var s = poll();
            if (!double.IsNaN(s.Fraction)) measuredFrom ??= clock.Elapsed;
            var measured = clock.Elapsed - (measuredFrom ?? clock.Elapsed);
            string spinner = done ? "[green]✔[/]" : $"[yellow]{Spinner[frame++ % Spinner.Length]}[/]";
            string head = $"{spinner} [bold]{Markup.Escape(title)}[/] {Bar(done ? 1 : s.Fraction)} {Percent(done ? 1 : s.Fraction)}"
                + $"[grey]{Duration(clock.Elapsed)}{Markup.Escape(done ? "" : Eta(measured, s.Fraction))}[/]";
            return s.Detail.Length == 0 ? new Markup(head) : new Rows(new Markup(head), new Markup("  " + Markup.Escape(s.Detail)));
        }
        return console.Live(View(done: false)).AutoClear(false).Start(ctx =>
        {
            using (new Timer(_ =>
            {
                ctx.UpdateTarget(View(done: false));
                ctx.Refresh();
            }, null, LiveRefresh, LiveRefresh))
            {
                var result = work();
                ctx.UpdateTarget(View(done: true));
                ctx.Refresh();
                return result;
            }
        });
    }

    private static readonly string[] Spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    /// <summary>A 24-character bar of block characters; dots while the share is unknown.</summary>
    private static string Bar(double fraction)
    {
        const int width = 24;
        if (double.IsNaN(fraction)) return "[grey]" + new string('·', width) + "[/]";
        int full = (int)Math.Round(width * Math.Clamp(fraction, 0, 1));
        return "[blue]" + new string('━', full) + "[/][grey]" + new string('─', width - full) + "[/]";
    }

    private static string Percent(double fraction) =>
        double.IsNaN(fraction) ? "" : (100 * fraction).ToString("F0", CultureInfo.InvariantCulture) + "%  ";

    private static string Eta(TimeSpan elapsed, double fraction) =>
        double.IsNaN(fraction) || fraction < 0.01 || fraction >= 1 ? ""
            : "  ETA " + Duration(TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction));

    /// <summary>h:mm:ss.</summary>
    public static string Duration(TimeSpan t) =>
        $"{(int)t.TotalHours}:{t.Minutes.ToString("00", CultureInfo.InvariantCulture)}:{t.Seconds.ToString("00", CultureInfo.InvariantCulture)}";
}
