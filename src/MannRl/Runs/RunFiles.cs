namespace MannRl.Runs;

/// <summary>
/// The names of a run directory's files, in one place for the code that writes them (<see cref="RunDirectory"/>)
/// and the code that reads them back (<see cref="SavedRun"/>).
/// </summary>
public static class RunFiles
{
    /// <summary>The effective config as YAML.</summary>
    public const string Config = "config.yaml";

    /// <summary>The log, one timestamped line per message (the original's experiment.log).</summary>
    public const string Log = "experiment.log";

    /// <summary>One row per evaluated split and epoch (<see cref="Evaluation.MetricsRow"/>).</summary>
    public const string Metrics = "metrics.csv";

    /// <summary>What a run needs beyond its config to be evaluated later (<see cref="RunInfo"/>).</summary>
    public const string Info = "run.json";

    /// <summary>The folder of checkpoints (<see cref="Checkpoints.Checkpoint"/>).</summary>
    public const string Checkpoints = "checkpoints";

    /// <summary>In <see cref="Checkpoints"/>: the name of the newest checkpoint written.</summary>
    public const string Latest = "latest";

    /// <summary>
    /// Held locked (and present) while a process writes the run, so that a second one into the same directory is
    /// refused; removed when the run ends. One left by a killed process is no longer locked.
    /// </summary>
    public const string Lock = ".lock";

    /// <summary>The folder <c>mannrl predict</c> writes into by default.</summary>
    public const string Predictions = "predictions";
}
