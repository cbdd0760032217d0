using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MannRl.Sweeps;

/// <summary>How a local sweep ended.</summary>
/// <param name="Done">Runs done, earlier ones included.</param>
/// <param name="Failed">Runs that failed.</param>
/// <param name="Left">Runs not finished (stopped or never started).</param>
/// <param name="Stopped">True when it was stopped (Ctrl-C, SIGTERM) before the end.</param>
public sealed record LocalSweepResult(int Done, int Failed, int Left, bool Stopped);

/// <summary>
/// Runs a sweep on this machine: up to <c>jobs</c> child processes side by side, each <c>mannrl sweep run OUTDIR
/// --index I --threads T</c> with its output in <c>OUTDIR/logs/I.log</c>. Done runs are skipped; interrupted and failed
/// ones run again (resuming from their saved state, <see cref="SweepRunExecutor.ResumeOrRestart"/>); runs another process
/// is training are waited for.
/// </summary>
public sealed partial class LocalBackend
{
    private readonly string _directory;
    private readonly MannrlCommand _mannrl;
    private readonly int _jobs;
    private readonly int _threads;

    /// <summary>A backend for the sweep in <paramref name="sweepDirectory"/> (its manifest written).</summary>
    public LocalBackend(string sweepDirectory, MannrlCommand mannrl, int jobs, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _directory = Path.GetFullPath(sweepDirectory);
        _mannrl = mannrl;
        _jobs = jobs;
        _threads = threads;
    }

    /// <summary>The folder of the runs' output, <c>OUTDIR/logs</c>.</summary>
    public static string LogFolder(string sweepDirectory) => Path.Combine(sweepDirectory, "logs");

    /// <summary>
    /// Runs every unfinished run, reporting progress on this thread; on <paramref name="stop"/>, starts no more runs,
    /// sends the running ones SIGTERM and waits for them (10 s, then kills them).
    /// </summary>
    public LocalSweepResult Run(Action<SweepProgress> report, CancellationToken stop)
    {
        var manifest = SweepManifest.Load(_directory);
        var store = new RunStateStore(_directory);
        var statuses = RunStatus.ReadAll(_directory, manifest);
        var queue = new Queue<SweepRun>(statuses.Where(s => s.State is RunState.Pending or RunState.Interrupted or RunState.Failed).Select(s => s.Run));
        var elsewhere = statuses.Where(s => s.State == RunState.Running).Select(s => s.Run).ToList();
        var durations = statuses.Where(s => s.State == RunState.Done).Select(s => s.Record?.Seconds ?? 0).ToList();
        var children = new List<Child>();
        int failed = 0;
        DateTime? killAt = null;
        var lastReport = DateTime.UtcNow;
        Directory.CreateDirectory(LogFolder(_directory));

        SweepProgress Snapshot(string? what)
        {
            TimeSpan? eta = null;
            if (durations.Count > 0)
            {
                double mean = durations.Average();
                double left = queue.Count * mean + children.Sum(c => Math.Max(0, mean - c.Clock.Elapsed.TotalSeconds));
                eta = TimeSpan.FromSeconds(left / _jobs);
            }
            var names = children.Select(c => c.Run.Name).Concat(elsewhere.Select(r => r.Name + " (elsewhere)")).ToList();
            return new SweepProgress(manifest.Runs.Count, durations.Count, names.Count, failed, queue.Count, eta, names, what);
        }

        while (true)
        {
            while (!stop.IsCancellationRequested && children.Count < _jobs && queue.Count > 0)
            {
                var run = queue.Dequeue();
                children.Add(Start(run));
                report(Snapshot($"started {run.Name}"));
            }
            if (children.Count == 0 && (elsewhere.Count == 0 || stop.IsCancellationRequested)) break;
            stop.WaitHandle.WaitOne(200);
            if (stop.IsCancellationRequested && killAt is null)
            {
                killAt = DateTime.UtcNow.AddSeconds(10);
                foreach (var c in children) Terminate(c.Process);
            }
            if (killAt is { } deadline && DateTime.UtcNow > deadline)
                foreach (var c in children) c.Process.Kill();
            foreach (var c in children.Where(c => c.Process.HasExited).ToList())
            {
                children.Remove(c);
                var record = store.Read(c.Run.Index);
                bool ours = record is not null && record.ProcessId == c.Process.Id;
                if (ours && record!.State == RunState.Done)
                {
                    durations.Add(record.Seconds ?? c.Clock.Elapsed.TotalSeconds);
                    report(Snapshot($"done {c.Run.Name} in {record.Seconds:F1} s"));
                }
                else if (ours && record!.State == RunState.Failed)
                {
                    failed++;
                    report(Snapshot($"FAILED {c.Run.Name}: {record.Error} (log: {LogPath(c.Run.Index)})"));
                }
                else if (stop.IsCancellationRequested)
                {
                    report(Snapshot($"stopped {c.Run.Name}"));
                }
                else
                {
                    string error = $"its process exited with code {c.Process.ExitCode} without an outcome: {LastLogLine(c.Run.Index)}";
                    store.Write(c.Run.Index, new RunRecord(RunState.Failed, DateTimeOffset.Now - c.Clock.Elapsed, DateTimeOffset.Now,
                        c.Clock.Elapsed.TotalSeconds, error, Environment.MachineName, c.Process.Id, null));
                    failed++;
                    report(Snapshot($"FAILED {c.Run.Name}: {error} (log: {LogPath(c.Run.Index)})"));
                }
                c.Process.Dispose();
            }
            foreach (var run in elsewhere.Where(r => !store.IsLocked(r.Index)).ToList())
            {
                elsewhere.Remove(run);
                var record = store.Read(run.Index);
                if (record?.State == RunState.Done)
                {
                    durations.Add(record.Seconds ?? 0);
                    report(Snapshot($"done {run.Name} (by another process)"));
                }
                else if (record?.State == RunState.Failed)
                {
                    failed++;
                    report(Snapshot($"FAILED {run.Name} (in another process): {record.Error}"));
                }
                else
                {
                    queue.Enqueue(run);
                }
            }
            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(1))
            {
                lastReport = DateTime.UtcNow;
                report(Snapshot(null));
            }
        }
        return new LocalSweepResult(durations.Count, failed, manifest.Runs.Count - durations.Count - failed, stop.IsCancellationRequested);
    }

    private Child Start(SweepRun run)
    {
        string log = LogPath(run.Index);
        var arguments = _mannrl.With("sweep", "run", _directory, "--index", run.Index.ToString(CultureInfo.InvariantCulture),
            "--threads", _threads.ToString(CultureInfo.InvariantCulture));
        File.AppendAllText(log, $"--- {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss}: {_mannrl.FileName} {string.Join(' ', arguments)}\n");
        // The shell points the child's output at its log before exec'ing mannrl (same process id), so the child keeps
        // writing there if this process dies.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (string a in (string[])["-c", "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null", "mannrl-sweep", log, _mannrl.FileName, .. arguments])
            start.ArgumentList.Add(a);
        if (_mannrl.DotnetRoot is { } root) start.Environment["DOTNET_ROOT"] = root;
        var process = Process.Start(start) ?? throw new IOException($"could not start {_mannrl.FileName}");
        return new Child(run, process, Stopwatch.StartNew());
    }

    private string LogPath(int index) => Path.Combine(LogFolder(_directory), $"{index}.log");

    /// <summary>The last <c>error:</c> line of the run's log, else its last line.</summary>
    private string LastLogLine(int index)
    {
        string path = LogPath(index);
        if (!File.Exists(path)) return "no output";
        var lines = File.ReadLines(path).Where(l => l.Length > 0).TakeLast(50).ToList();
        return lines.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "no output";
    }

    private static void Terminate(Process process)
    {
        const int SigTerm = 15;
        if (!process.HasExited && (!OperatingSystem.IsLinux() || kill(process.Id, SigTerm) != 0)) process.Kill();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    private sealed record Child(SweepRun Run, Process Process, Stopwatch Clock);
}
