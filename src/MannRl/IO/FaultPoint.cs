using System.Globalization;
using System.Runtime.InteropServices;

namespace MannRl.IO;

/// <summary>
/// Fault injection for the resume tests: with <c>MANNRL_TEST_KILL_AT=NAME:K</c> in the environment the process kills
/// itself with SIGKILL (as <c>kill -9</c> would, nothing flushed, no handler run) the K-th time it reaches the point
/// NAME. The points: <c>step</c> (a training step done), <c>evaluation</c> (between the two splits of an evaluation),
/// <c>checkpoint-file</c> (between two files of one checkpoint), <c>state-file</c> (between two files of a resume
/// state) and <c>state-swap</c> (between moving the old state aside and moving the new one in). With
/// <c>MANNRL_TEST_STALL_AT=NAME:K</c> the K-th hit of a point that is given the run's stop token waits there until
/// the run is asked to stop (at most five minutes), so that a test's signal always lands before the run ends. The
/// variables are read once; unset, a point costs one test of a static field.
/// </summary>
public static partial class FaultPoint
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "MANNRL_TEST_KILL_AT";

    /// <summary>The environment variable that stalls a run at a point until it is asked to stop.</summary>
    public const string StallVariable = "MANNRL_TEST_STALL_AT";

    private static readonly (string Name, int K)? Kill = Read(Variable);
    private static readonly (string Name, int K)? Stall = Read(StallVariable);
    private static int _killHits, _stallHits;

    private static (string, int)? Read(string variable)
    {
        string? value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(value)) return null;
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k < 1)
            throw new InvalidOperationException($"{variable}='{value}' is not NAME:K (K >= 1); unset it");
        return (value[..colon], k);
    }

    /// <summary>Marks reaching the point <paramref name="name"/>; kills the process when it is the armed point's K-th hit.</summary>
    public static void Hit(string name)
    {
        if (Kill is not { } armed || armed.Name != name) return;
        if (Interlocked.Increment(ref _killHits) < armed.K) return;
        const int SigKill = 9;
        kill(Environment.ProcessId, SigKill);
        Environment.FailFast($"{Variable}: SIGKILL did not end the process");
    }

    /// <summary>
    /// <see cref="Hit(string)"/> at a point where the run can stop: the stall point's K-th hit also waits for
    /// <paramref name="stop"/>.
    /// </summary>
    public static void Hit(string name, CancellationToken stop)
    {
        Hit(name);
        if (Stall is not { } armed || armed.Name != name) return;
        if (Interlocked.Increment(ref _stallHits) == armed.K) stop.WaitHandle.WaitOne(TimeSpan.FromMinutes(5));
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
