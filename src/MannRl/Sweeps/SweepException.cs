namespace MannRl.Sweeps;

/// <summary>
/// A sweep that cannot go on as asked (a changed sweep file over existing results, a run index out of range, a run
/// already running): the message names the problem and what to do. A usage error (exit code 2).
/// </summary>
public sealed class SweepException(string message) : Exception(message);
