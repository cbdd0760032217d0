using System.Globalization;
using System.Text;
using MannRl.Checkpoints;
using MannRl.Evaluation;
using MannRl.IO;
using MannRl.Training;

namespace MannRl.Runs;

/// <summary>
/// A run's folder: <c>config.yaml</c> (the effective config), <c>experiment.log</c>, <c>metrics.csv</c> and
/// <c>checkpoints/</c>. Whole files are replaced atomically; the log is appended line by line.
/// </summary>
public sealed class RunDirectory : ITrainingSink
{
    private readonly StringBuilder _metrics = new(MetricsRow.Header + "\n");
    private readonly string _configYaml;
    private readonly Action<string>? _echo;

    /// <summary>Creates the folder (refusing a non-empty existing one) and writes config.yaml.</summary>
    public RunDirectory(string path, string configYaml, Action<string>? echo = null)
    {
        FullPath = Path.GetFullPath(path);
        if (Directory.Exists(FullPath) && Directory.EnumerateFileSystemEntries(FullPath).Any())
            throw new IOException($"run directory '{FullPath}' exists and is not empty; choose a new RUNDIR or remove it");
        Directory.CreateDirectory(FullPath);
        _configYaml = configYaml;
        _echo = echo;
        AtomicFile.WriteText(Path.Combine(FullPath, "config.yaml"), configYaml);
        AtomicFile.WriteText(MetricsPath, _metrics.ToString());
    }

    /// <summary>Full path of the run folder.</summary>
    public string FullPath { get; }

    /// <summary>The checkpoints folder.</summary>
    public string CheckpointDirectory => Path.Combine(FullPath, "checkpoints");

    private string MetricsPath => Path.Combine(FullPath, "metrics.csv");

    /// <inheritdoc/>
    public void Log(string message)
    {
        var line = $"{DateTime.Now.ToString("yy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} INFO:  {message}";
        File.AppendAllText(Path.Combine(FullPath, "experiment.log"), line + "\n");
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
        AtomicFile.WriteText(Path.Combine(CheckpointDirectory, "latest"), name + "\n");
    }
}
