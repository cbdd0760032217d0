using System.Diagnostics;
using System.Globalization;

namespace MannRl.Tests.Cli;

/// <summary>
/// A process and its descendants, stopped with SIGSTOP so that a test can look at what they wrote while nothing
/// changes, then continued or killed (Linux: /proc and kill(1)).
/// </summary>
internal sealed class ProcessTree
{
    private readonly List<int> _ids;

    private ProcessTree(List<int> ids) => _ids = ids;

    /// <summary>
    /// Stops <paramref name="root"/> first (so that it starts no more children), then each descendant, until a scan of
    /// /proc finds none that is not stopped; returns once the kernel shows every one of them stopped (a signal is
    /// delivered after kill(1) returns, so until then a process may still write).
    /// </summary>
    public static ProcessTree Stop(int root)
    {
        var stopped = new List<int> { root };
        Signal("-STOP", [root]);
        while (true)
        {
            var fresh = Descendants(root).Except(stopped).ToList();
            if (fresh.Count == 0) break;
            Signal("-STOP", fresh);
            stopped.AddRange(fresh);
        }
        var clock = Stopwatch.StartNew();
        while (!stopped.All(IsStoppedOrGone) && clock.Elapsed < TestTimeouts.Hang) Thread.Sleep(1);
        return new ProcessTree(stopped);
    }

    /// <summary>Whether /proc shows the process stopped (T), a zombie (Z), dead (X) or gone.</summary>
    private static bool IsStoppedOrGone(int id)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{id}/stat");
            return stat[stat.LastIndexOf(')') + 2] is 'T' or 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Lets the stopped processes run on.</summary>
    public void Continue() => Signal("-CONT", _ids);

    private static void Signal(string signal, IReadOnlyList<int> ids)
    {
        // A process may have exited since the scan: kill(1) then fails for it alone, which is fine.
        using var kill = Process.Start("kill", [signal, .. ids.Select(i => i.ToString(CultureInfo.InvariantCulture))])!;
        kill.WaitForExit();
    }

    /// <summary>Every process whose chain of parents reaches <paramref name="root"/>.</summary>
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int id)) continue;
            try
            {
                // /proc/PID/stat: "PID (comm) STATE PPID ..."; comm may hold spaces and parentheses, so read after the last ')'.
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[id] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process exited during the scan.
            }
        }
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out int parent))
        {
            foreach (var (child, of) in parents)
            {
                if (of != parent || found.Contains(child)) continue;
                found.Add(child);
                frontier.Enqueue(child);
            }
        }
        return found;
    }
}
