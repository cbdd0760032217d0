namespace MannRl.Sweeps;

/// <summary>
/// What Slurm says of a sweep's array tasks: <c>squeue</c> for the waiting and running ones, <c>sacct</c> (where the
/// cluster keeps accounting) for the ended ones. Keyed by run index; a later submission's task wins.
/// </summary>
public static class SlurmQueue
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The tasks' states, or null when <c>squeue</c> is not installed (status then reads the run directories only).</summary>
    public static IReadOnlyDictionary<int, SlurmTaskState>? Read(IReadOnlyList<SlurmSubmission> submissions)
    {
        if (submissions.Count == 0 || !ExternalCommand.OnPath("squeue")) return null;
        string jobs = string.Join(',', submissions.Select(s => s.JobId).Distinct());
        var states = new Dictionary<int, SlurmTaskState>();
        var order = submissions.Select((s, i) => (s.JobId, i)).GroupBy(p => p.JobId).ToDictionary(g => g.Key, g => g.Max(p => p.i));
        var ended = ExternalCommand.Run("sacct", ["--noheader", "--parsable2", "--allocations", $"--jobs={jobs}", "--format=JobID,State"], Timeout);
        if (ended is { ExitCode: 0 }) Merge(states, order, ended.Out, '|', reasonColumn: false);
        // squeue fails for job ids it has forgotten; ask for each job then, so the others still answer.
        var queued = ExternalCommand.Run("squeue", ["--noheader", "--array", $"--jobs={jobs}", "--format=%i|%T|%r"], Timeout);
        if (queued is { ExitCode: 0 }) Merge(states, order, queued.Out, '|', reasonColumn: true);
        else
            foreach (string job in order.Keys)
                if (ExternalCommand.Run("squeue", ["--noheader", "--array", $"--jobs={job}", "--format=%i|%T|%r"], Timeout) is { ExitCode: 0 } one)
                    Merge(states, order, one.Out, '|', reasonColumn: true);
        return states;
    }

    /// <summary>Parses lines <c>JOB_TASK|STATE[|REASON]</c> (job steps such as <c>12_3.batch</c> are skipped).</summary>
    internal static void Merge(Dictionary<int, SlurmTaskState> states, IReadOnlyDictionary<string, int> order, string text, char separator, bool reasonColumn)
    {
        var rank = new Dictionary<int, int>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] f = line.Split(separator);
            if (f.Length < 2 || f[0].Contains('.')) continue;
            int us = f[0].IndexOf('_');
            if (us < 0 || !int.TryParse(f[0][(us + 1)..], out int index) || !order.TryGetValue(f[0][..us], out int submission)) continue;
            if (states.ContainsKey(index) && rank.TryGetValue(index, out int r) && r > submission) continue;
            string state = f[1].Split(' ')[0];
            states[index] = new SlurmTaskState(f[0], state, reasonColumn && f.Length > 2 && f[2] != "None" ? f[2] : null);
            rank[index] = submission;
        }
    }
}
