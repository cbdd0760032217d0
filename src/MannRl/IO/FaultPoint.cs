using System.Globalization;
using System.Runtime.InteropServices;

namespace MannRl.IO;

/// <summary>
/// Fault injection for the resume tests: with <c>MANNRL_TEST_KILL_AT=NAME:K</c> in the environment the process kills
/// itself with SIGKILL (as <c>kill -9</c> would, nothing flushed, no handler run) the K-th time it reaches the point
/// NAME. The points: <c>step</c> (a training step done), <c>evaluation</c> (between the two splits of an evaluation),
/// <c>checkpoint-file</c> (between two files of one checkpoint), <c>state-file</c> (between two files of a resume
/// state) and <c>state-swap</c> (between moving the old state aside and moving the new one in). The variable is read
/// once; unset, a point costs one test of a static field.
/// </summary>
public static partial class FaultPoint
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "MANNRL_TEST_KILL_AT";

    private static readonly string? Armed;
    private static readonly int KillAt;
    private static int _hits;

    static FaultPoint()
    {
        string? value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(value)) return;
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k < 1)
            throw new InvalidOperationException($"{Variable}='{value}' is not NAME:K (K >= 1); unset it");
        Armed = value[..colon];
        KillAt = k;
    }

    /// <summary>Marks reaching the point <paramref name="name"/>; kills the process when it is the armed point's K-th hit.</summary>
    public static void Hit(string name)
    {
        if (Armed is null || Armed != name) return;
        if (Interlocked.Increment(ref _hits) < KillAt) return;
        const int SigKill = 9;
        kill(Environment.ProcessId, SigKill);
        Environment.FailFast($"{Variable}: SIGKILL did not end the process");
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
