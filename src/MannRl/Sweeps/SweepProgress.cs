namespace MannRl.Sweeps;

/// <summary>A snapshot of a running sweep, for a progress display.</summary>
/// <param name="Total">Runs of the sweep.</param>
/// <param name="Done">Runs done (earlier ones included).</param>
/// <param name="Running">Runs being trained now (here or by another process).</param>
/// <param name="Failed">Runs that failed in this session.</param>
/// <param name="Pending">Runs waiting to start.</param>
/// <param name="Eta">Estimated time to the end (from the mean time of the done runs), null before any is done.</param>
/// <param name="RunningNames">Names of the runs being trained now.</param>
/// <param name="Event">What just happened (a run started, finished or failed), or null for a periodic refresh.</param>
public sealed record SweepProgress(int Total, int Done, int Running, int Failed, int Pending, TimeSpan? Eta,
    IReadOnlyList<string> RunningNames, string? Event);
