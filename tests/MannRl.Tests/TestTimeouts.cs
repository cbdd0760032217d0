namespace MannRl.Tests;

/// <summary>
/// How long a test waits for what it started before it calls it a hang. Generous on purpose: CI and the development
/// machine have two cores, often loaded, where a command that takes seconds on a quiet machine can take minutes. Every
/// wait ends as soon as its condition holds, so the limit costs nothing when all is well; it only turns a real hang
/// into a failure instead of a stuck suite.
/// </summary>
public static class TestTimeouts
{
    /// <summary>The limit for a process or condition a test waits on (a mannrl command, a state file, a browser).</summary>
    public static readonly TimeSpan Hang = TimeSpan.FromMinutes(10);
}
