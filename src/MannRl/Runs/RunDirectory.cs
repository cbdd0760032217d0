using System.Globalization;
using System.Text;
using MannRl.Checkpoints;
using MannRl.Config;
using MannRl.Evaluation;
using MannRl.IO;
using MannRl.Training;

namespace MannRl.Runs;

/// <summary>
/// A run's folder as it is written (<see cref="RunFiles"/>): <c>config.yaml</c> (the effective config),
/// <c>run.json</c>, <c>experiment.log</c>, <c>metrics.csv</c> and <c>checkpoints/</c>. Created exclusively and held
/// (<see cref="RunLock"/>) until disposed. Whole files are replaced atomically; the log is appended line by line.
/// </summary>
public sealed class RunDirectory : ITrainingSink, IDisposable
{
    private readonly StringBuilder _metrics = new(MetricsRow.Header + "\n");
    private readonly string _configYaml;
    private readonly Action<string>? _echo;
    private readonly RunLock _lock;
    private readonly bool _createdFolder;

    private RunDirectory(string fullPath, string configYaml, Action<string>? echo, RunLock runLock, bool createdFolder)
    {
        FullPath = fullPath;
        _configYaml = configYaml;
        _echo = echo;
        _lock = runLock;
        _createdFolder = createdFolder;
    }

    /// <summary>Full path of the run folder.</summary>
    public string FullPath { get; }

    /// <summary>The checkpoints folder.</summary>
    public string CheckpointDirectory => Path.Combine(FullPath, RunFiles.Checkpoints);

    private string MetricsPath => Path.Combine(FullPath, RunFiles.Metrics);

    /// <summary>Where a run of <paramref name="config"/> goes when no folder is named: <c>runs/&lt;dataset&gt;-&lt;timestamp&gt;</c>.</summary>
    public static string DefaultPath(ExperimentConfig config) =>
        Path.Combine("runs", $"{config.Dataset}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");

    /// <summary>
    /// Refuses early a folder a new run cannot go into (a file, a non-empty folder), before a start spends time on
    /// its data; <see cref="Create"/> checks again under the lock.
    /// </summary>
    /// <exception cref="RunDirectoryException">The folder cannot take a new run.</exception>
    public static void CheckAvailable(string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new RunDirectoryException($"run directory '{full}' is a file; choose a new RUNDIR");
        if (Directory.Exists(full) && HasRunFiles(full)) throw NotEmpty(full);
    }

    /// <summary>
    /// Creates the run folder (or takes an existing empty one), locks it for this run, and writes config.yaml, an
    /// empty metrics.csv and run.json naming <paramref name="dataDir"/>. Of two creations at the same moment, one
    /// fails. Log lines go to experiment.log and, when given, to <paramref name="echo"/>.
    /// </summary>
    /// <exception cref="RunDirectoryException">The folder is a file, not empty, or in use by another run.</exception>
    public static RunDirectory Create(string path, string configYaml, string dataDir, Action<string>? echo = null)
    {
        string full = Path.GetFullPath(path);
        CheckAvailable(full);
        bool created = !Directory.Exists(full);
        Directory.CreateDirectory(full);
        var runLock = RunLock.Acquire(full);
        try
        {
            if (HasRunFiles(full)) throw NotEmpty(full);
            var run = new RunDirectory(full, configYaml, echo, runLock, created);
            AtomicFile.WriteText(Path.Combine(full, RunFiles.Config), configYaml);
            AtomicFile.WriteText(run.MetricsPath, run._metrics.ToString());
            RunInfo.Write(full, dataDir);
            return run;
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Log(string message)
    {
        var line = $"{DateTime.Now.ToString("yy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} INFO:  {message}";
        File.AppendAllText(Path.Combine(FullPath, RunFiles.Log), line + "\n");
        _echo?.Invoke(line);
    }

    /// <inheritdoc/>
    public void Metrics(MetricsRow row)
    {
        _metrics.Append(row.ToCsv()).Append('\n');
        AtomicFile.WriteText(MetricsPath, _metrics.ToString());
    }

    /// <inheritdoc/>
    public void SaveCheckpoint(string name, TrainingSnapshot state)
    {
        Checkpoint.Save(CheckpointDirectory, name, state.Parts, _configYaml);
        AtomicFile.WriteText(Path.Combine(CheckpointDirectory, RunFiles.Latest), name + "\n");
    }

    /// <summary>
    /// For a start that failed before training: removes what this run wrote and releases the folder, so that an
    /// identical rerun finds it as before (absent, or empty where it existed).
    /// </summary>
    public void Abandon()
    {
        // Under the lock the folder was empty when taken: everything in it but the lock is this run's.
        foreach (var entry in new DirectoryInfo(FullPath).EnumerateFileSystemInfos())
        {
            if (entry.Name == RunFiles.Lock) continue;
            if (entry is DirectoryInfo d) d.Delete(recursive: true);
            else entry.Delete();
        }
        _lock.Dispose();
        if (!_createdFolder) return;
        try
        {
            Directory.Delete(FullPath, recursive: false);
        }
        catch (IOException)
        {
            // another start took the folder in the meantime: it is that run's now
        }
    }

    /// <summary>Releases the folder (removes the lock file); what the run wrote stays.</summary>
    public void Dispose() => _lock.Dispose();

    // Anything but a lock file: one left by a killed start (before it wrote anything) locks nothing.
    private static bool HasRunFiles(string full) => Directory.EnumerateFileSystemEntries(full).Any(e => Path.GetFileName(e) != RunFiles.Lock);

    private static RunDirectoryException NotEmpty(string full) =>
        new($"run directory '{full}' exists and is not empty; choose a new RUNDIR or remove it");
}
