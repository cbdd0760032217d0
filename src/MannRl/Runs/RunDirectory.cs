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
/// <c>run.json</c>, <c>experiment.log</c>, <c>metrics.csv</c>, <c>checkpoints/</c> and the resume state <c>state/</c>
/// (<see cref="RunStateFile"/>). Created exclusively (or reopened to resume, <see cref="Reopen"/>) and held
/// (<see cref="RunLock"/>) until disposed. Whole files are replaced atomically; the log is appended line by line.
/// </summary>
public sealed class RunDirectory : ITrainingSink, IDisposable
{
    private readonly StringBuilder _metrics = new(MetricsRow.Header + "\n");
    private readonly string _configYaml;
    private readonly Action<string>? _echo;
    private readonly RunLock _lock;
    private readonly bool _createdFolder;
    private readonly int _keepCheckpoints;
    private readonly List<string> _checkpoints = []; // in the order written, those retention deleted left out
    private string? _latest;

    private RunDirectory(string fullPath, string configYaml, Action<string>? echo, RunLock runLock, bool createdFolder, int keepCheckpoints)
    {
        FullPath = fullPath;
        _configYaml = configYaml;
        _echo = echo;
        _lock = runLock;
        _createdFolder = createdFolder;
        _keepCheckpoints = keepCheckpoints;
    }

    /// <summary>Full path of the run folder.</summary>
    public string FullPath { get; }

    /// <summary>The checkpoints folder.</summary>
    public string CheckpointDirectory => Path.Combine(FullPath, RunFiles.Checkpoints);

    private string MetricsPath => Path.Combine(FullPath, RunFiles.Metrics);

    private string LogPath => Path.Combine(FullPath, RunFiles.Log);

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
    /// fails. Log lines go to experiment.log and, when given, to <paramref name="echo"/>. Retention keeps the newest
    /// <paramref name="keepCheckpoints"/> checkpoints besides the best ones (<see cref="SaveCheckpoint"/>; 0 keeps all).
    /// </summary>
    /// <exception cref="RunDirectoryException">The folder is a file, not empty, or in use by another run.</exception>
    public static RunDirectory Create(string path, string configYaml, string dataDir, Action<string>? echo = null, int keepCheckpoints = 0)
    {
        string full = Path.GetFullPath(path);
        CheckAvailable(full);
        bool created = !Directory.Exists(full);
        Directory.CreateDirectory(full);
        var runLock = RunLock.Acquire(full);
        try
        {
            if (HasRunFiles(full)) throw NotEmpty(full);
            var run = new RunDirectory(full, configYaml, echo, runLock, created, keepCheckpoints);
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
        File.AppendAllText(LogPath, line + "\n");
        _echo?.Invoke(line);
    }

    /// <inheritdoc/>
    public void Metrics(MetricsRow row)
    {
        _metrics.Append(row.ToCsv()).Append('\n');
        AtomicFile.WriteText(MetricsPath, _metrics.ToString());
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <c>checkpoints/latest</c> then names it. Retention (<c>keep_checkpoints</c> N, 0 = keep all) keeps the newest
    /// N checkpoints, the newest of each tag (the best train <c>t</c>, the best validation <c>v</c>, the last save point
    /// <c>sp</c>) and <c>final</c>, and deletes the others.
    /// </remarks>
    public void SaveCheckpoint(string name, TrainingSnapshot state)
    {
        Checkpoint.Save(CheckpointDirectory, name, state.Parts, _configYaml);
        _checkpoints.Remove(name);
        _checkpoints.Add(name);
        _latest = name;
        AtomicFile.WriteText(Path.Combine(CheckpointDirectory, RunFiles.Latest), name + "\n");
        if (_keepCheckpoints <= 0) return;
        var keep = new HashSet<string>(_checkpoints.TakeLast(_keepCheckpoints), StringComparer.Ordinal);
        foreach (var group in _checkpoints.GroupBy(Tag)) keep.Add(group.Last());
        foreach (string old in _checkpoints.Where(c => !keep.Contains(c)).ToList())
        {
            Checkpoint.Delete(CheckpointDirectory, old);
            _checkpoints.Remove(old);
        }
    }

    /// <summary>The checkpoints the run keeps, in the order written.</summary>
    public IReadOnlyList<string> Checkpoints => _checkpoints;

    /// <inheritdoc/>
    /// <remarks>Written into <c>state/</c> (<see cref="RunStateFile"/>) with metrics.csv's text, the log's length and the checkpoint list.</remarks>
    public void SaveState(TrainerState state)
    {
        long logLength = File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;
        var contents = new RunStateFile.Contents(RunStateFile.Format, state.Epoch, state.Step, state.Values, state.Integers,
            _metrics.ToString(), logLength, [.. _checkpoints], _latest);
        RunStateFile.Write(FullPath, state, contents, _configYaml);
    }

    /// <summary>
    /// Opens an existing run to continue it: takes its lock, repairs a resume state whose write was cut short, removes
    /// orphan <c>.tmp</c> files, and puts metrics.csv, experiment.log, the checkpoints and <c>latest</c> back as they
    /// were at the state (without a state: as at the start). Returns the run and its trainer state (null without one).
    /// </summary>
    /// <exception cref="RunDirectoryException">The folder is not a run directory, or another run holds it.</exception>
    public static (RunDirectory Run, TrainerState? State) Reopen(string path, Action<string>? echo = null, int keepCheckpoints = 0)
    {
        string full = Path.GetFullPath(path);
        if (!Directory.Exists(full)) throw new RunDirectoryException($"run directory '{full}' does not exist; pass the RUNDIR of an earlier 'mannrl train'");
        string configPath = Path.Combine(full, RunFiles.Config);
        if (!File.Exists(configPath))
            throw new RunDirectoryException($"'{full}' is not a run directory (no {RunFiles.Config}); pass the RUNDIR of an earlier 'mannrl train'");
        var runLock = RunLock.Acquire(full);
        try
        {
            var run = new RunDirectory(full, File.ReadAllText(configPath), echo, runLock, createdFolder: false, keepCheckpoints);
            foreach (string folder in new[] { full, run.CheckpointDirectory, Path.Combine(full, RunStateFile.Folder) })
                if (Directory.Exists(folder))
                    foreach (string tmp in Directory.EnumerateFiles(folder, "*.tmp")) File.Delete(tmp);
            var contents = RunStateFile.Recover(full);
            if (contents is not null)
            {
                run._metrics.Clear().Append(contents.Metrics);
                run._checkpoints.AddRange(contents.Checkpoints);
                run._latest = contents.Latest;
            }
            AtomicFile.WriteText(run.MetricsPath, run._metrics.ToString());
            if (File.Exists(run.LogPath))
            {
                using var log = new FileStream(run.LogPath, FileMode.Open, FileAccess.Write);
                if (log.Length > (contents?.LogLength ?? 0)) log.SetLength(contents?.LogLength ?? 0);
            }
            if (Directory.Exists(run.CheckpointDirectory))
                foreach (string file in Directory.EnumerateFiles(run.CheckpointDirectory, "*.safetensors"))
                    if (!run._checkpoints.Contains(CheckpointOf(Path.GetFileName(file)))) File.Delete(file);
            string latest = Path.Combine(run.CheckpointDirectory, RunFiles.Latest);
            if (run._latest is { } newest) AtomicFile.WriteText(latest, newest + "\n");
            else if (File.Exists(latest)) File.Delete(latest);
            return (run, contents is null ? null : RunStateFile.Load(full, contents));
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
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

    // NAME.PART.safetensors -> NAME
    private static string CheckpointOf(string fileName)
    {
        string stem = fileName[..^".safetensors".Length];
        int dot = stem.LastIndexOf('.');
        return dot < 0 ? stem : stem[..dot];
    }

    // The tag of a checkpoint name: t11 -> t, sp20 -> sp, final -> final.
    private static string Tag(string name) => name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');

    // Anything but a lock file: one left by a killed start (before it wrote anything) locks nothing.
    private static bool HasRunFiles(string full) => Directory.EnumerateFileSystemEntries(full).Any(e => Path.GetFileName(e) != RunFiles.Lock);

    private static RunDirectoryException NotEmpty(string full) =>
        new($"run directory '{full}' exists and is not empty; choose a new RUNDIR or remove it");
}
