using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

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
        var gate = new object();
        using var timer = new Timer(_ =>
        {
            var s = poll();
            string line = $"[{Duration(clock.Elapsed)}] {title}: {Percent(s.Fraction)}{s.Detail}{Eta(clock.Elapsed, s.Fraction)}";
            lock (gate) console.WriteLine(line);
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
        var progress = console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .AutoRefresh(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn());
        progress.RefreshRate = LiveRefresh;
        return progress.Start(ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(title), autoStart: true, maxValue: 1000);
            void Update()
            {
                var s = poll();
                task.IsIndeterminate = double.IsNaN(s.Fraction);
                if (!task.IsIndeterminate) task.Value = 1000 * Math.Clamp(s.Fraction, 0, 1);
                task.Description = Markup.Escape(s.Detail.Length == 0 ? title : $"{title}: {s.Detail}");
            }
            using (new Timer(_ => Update(), null, TimeSpan.Zero, LiveRefresh))
            {
                var result = work();
                Update();
                if (!task.IsIndeterminate) task.Value = task.MaxValue;
                task.StopTask();
                return result;
            }
        });
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
