using System.Globalization;
using System.Text;
using MannRl.Config;
using MannRl.Runs;
using MannRl.Training;

namespace MannRl.Fuzzing;

/// <summary>What became of one target's cases.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Cases">Cases run.</param>
/// <param name="Accepted">Cases that loaded (and trained) without error.</param>
/// <param name="Rejected">Cases refused with one of the errors the CLI turns into one line (exit 1 or 2).</param>
/// <param name="Failures">Everything else: an unexpected exception, a message of several lines, a hang, a file written outside the case's folder.</param>
/// <param name="Messages">The distinct messages of the rejected cases (numbers and paths kept), with their counts.</param>
public sealed record FuzzCounts(string Target, int Cases, int Accepted, int Rejected, IReadOnlyList<string> Failures, IReadOnlyDictionary<string, int> Messages);

/// <summary>
/// Runs seeded, bounded fuzz cases in-process: each case mutates one seed file of a target (<see cref="Mutator"/>), runs
/// it in a folder of its own on a thread of its own with a time limit, and classifies the outcome. The case folders go
/// below <c>root</c>, which must be a folder of the caller's own temporary folder (its siblings are watched too).
/// </summary>
public sealed class FuzzRunner(IReadOnlyList<FuzzTarget> targets, string root, TimeSpan timeout)
{
    /// <summary>
    /// The exceptions the CLI turns into one line and exit code 1 or 2 (<c>ExitCodes.Guard</c>); any other would reach
    /// the last-resort handler, which treats it as a bug.
    /// </summary>
    public static bool IsHandled(Exception e) => e is ConfigException or RunDirectoryException or IOException or InvalidDataException
        or UnauthorizedAccessException or TrainingDivergedException or OutOfMemoryException;

    /// <summary>Runs <paramref name="cases"/> cases from <paramref name="seed"/>, spread over the targets in turn.</summary>
    public IReadOnlyList<FuzzCounts> Run(int cases, int seed)
    {
        var counts = targets.Select(t => (Accepted: 0, Rejected: 0, Cases: 0, Failures: new List<string>(), Messages: new Dictionary<string, int>())).ToArray();
        var outside = Snapshot();
        for (int i = 0; i < cases; i++)
        {
            int t = i % targets.Count;
            var target = targets[t];
            var rng = new Random(unchecked(seed * 1_000_003 + i)); // not HashCode.Combine: it differs from process to process
            byte[] input = Mutator.Mutate(target.Seeds[rng.Next(target.Seeds.Count)], rng, out string mutation);
            string dir = Path.Combine(root, $"case-{i}");
            Directory.CreateDirectory(dir);
            string label = $"{target.Name} case {i} (seed {seed}, {mutation})";
            Exception? error = null;
            var thread = new Thread(() =>
            {
                try { target.Run(dir, input, rng); }
                catch (Exception e) { error = e; }
            }, 64 << 20)
            { IsBackground = true };
            thread.Start();
            counts[t].Cases++;
            if (!thread.Join(timeout))
            {
                counts[t].Failures.Add($"{label}: no result after {timeout.TotalSeconds:F0} s (hang)");
                continue; // the folder stays: the thread may still write there
            }
            if (error is null) counts[t].Accepted++;
            else if (!IsHandled(error)) counts[t].Failures.Add($"{label}: unexpected {error.GetType().Name}: {error.Message}\n{error.StackTrace}");
            else if (error.Message.Contains('\n') || error.Message.Length == 0) counts[t].Failures.Add($"{label}: message not one line: '{error.Message}'");
            else
            {
                counts[t].Rejected++;
                string message = error.Message.Replace(dir, "CASE", StringComparison.Ordinal);
                counts[t].Messages[message] = counts[t].Messages.GetValueOrDefault(message) + 1;
            }
            var now = Snapshot();
            if (!now.SetEquals(outside)) counts[t].Failures.Add($"{label}: wrote outside its folder: {string.Join(", ", now.Except(outside))}");
            outside = now;
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
        }
        return targets.Select((t, k) => new FuzzCounts(t.Name, counts[k].Cases, counts[k].Accepted, counts[k].Rejected, counts[k].Failures, counts[k].Messages)).ToArray();
    }

    /// <summary>
    /// The entries beside the case folders, in the folder above them (the caller's own temporary folder) and in the
    /// working directory, which a case must not touch.
    /// </summary>
    private HashSet<string> Snapshot()
    {
        var entries = new HashSet<string>(Directory.EnumerateFileSystemEntries(Directory.GetCurrentDirectory()));
        foreach (var e in Directory.EnumerateFileSystemEntries(root))
            if (!Path.GetFileName(e).StartsWith("case-", StringComparison.Ordinal)) entries.Add(e);
        string parent = Path.GetDirectoryName(Path.GetFullPath(root))!;
        foreach (var e in Directory.EnumerateFileSystemEntries(parent)) entries.Add(e);
        return entries;
    }

    /// <summary>A Markdown table of <paramref name="counts"/>.</summary>
    public static string Table(IReadOnlyList<FuzzCounts> counts)
    {
        var s = new StringBuilder("| input | cases | accepted | rejected (exit 1/2, one line) | failures |\n|---|---:|---:|---:|---:|\n");
        foreach (var c in counts)
            s.Append(CultureInfo.InvariantCulture, $"| {c.Target} | {c.Cases} | {c.Accepted} | {c.Rejected} | {c.Failures.Count} |\n");
        s.Append(CultureInfo.InvariantCulture, $"| all | {counts.Sum(c => c.Cases)} | {counts.Sum(c => c.Accepted)} | {counts.Sum(c => c.Rejected)} | {counts.Sum(c => c.Failures.Count)} |\n");
        return s.ToString();
    }
}
