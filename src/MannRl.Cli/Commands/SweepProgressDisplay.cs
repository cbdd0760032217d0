using System.Globalization;
using MannRl.Cli.Output;
using MannRl.Sweeps;
using Spectre.Console;

namespace MannRl.Cli.Commands;

/// <summary>
/// Shows a local sweep's progress: a live bar (done, running, failed, ETA) with events above it on a terminal; plain
/// timestamped lines for each event (and a status line each minute) in <see cref="OutputMode.Plain"/>.
/// </summary>
internal static class SweepProgressDisplay
{
    public static bool Live => ConsoleOutput.Choose(quiet: false, Console.IsOutputRedirected, Environment.GetEnvironmentVariable) == OutputMode.Live;

    /// <summary>Runs <paramref name="body"/>, giving it the function that shows each progress snapshot.</summary>
    public static T Show<T>(int total, Func<Action<SweepProgress>, T> body)
    {
        if (!Live)
        {
            var lastLine = DateTime.UtcNow;
            return body(p =>
            {
                if (p.Event is null && DateTime.UtcNow - lastLine < TimeSpan.FromMinutes(1)) return;
                lastLine = DateTime.UtcNow;
                Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {Summary(p)}" + (p.Event is null ? "" : $" | {p.Event}"));
            });
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("sweep", maxValue: total);
                result = body(p =>
                {
                    task.Value = p.Done + p.Failed;
                    task.Description = Markup.Escape(Summary(p));
                    if (p.Event is not null) AnsiConsole.MarkupLine(Markup.Escape($"[{DateTime.Now:HH:mm:ss}] {p.Event}"));
                    ctx.Refresh();
                });
            });
        return result;
    }

    public static string Summary(SweepProgress p) =>
        $"{p.Done}/{p.Total} done, {p.Running} running, {p.Failed} failed, {p.Pending} waiting, ETA {Eta(p.Eta)}";

    private static string Eta(TimeSpan? eta) => eta switch
    {
        null => "-",
        { TotalHours: >= 1 } t => $"{(int)t.TotalHours}h{t.Minutes:D2}m",
        { } t => $"{t.Minutes}m{t.Seconds.ToString("D2", CultureInfo.InvariantCulture)}s",
    };
}
