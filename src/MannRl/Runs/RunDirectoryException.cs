namespace MannRl.Runs;

/// <summary>
/// A run directory that cannot be used as asked (in use by another run, not empty, not a run directory, no such
/// checkpoint): a usage error whose message names the path and what to do.
/// </summary>
public sealed class RunDirectoryException(string message) : Exception(message);
