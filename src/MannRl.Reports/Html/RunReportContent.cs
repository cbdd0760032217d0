using MannRl.Reports.Curves;

namespace MannRl.Reports.Html;

/// <summary>Everything a single-run HTML report shows; sections whose part is null or empty are left out with a note.</summary>
public sealed record RunReportContent
{
    /// <summary>The run's name (its directory's name).</summary>
    public required string Name { get; init; }

    /// <summary>Full path of the run directory.</summary>
    public required string RunDir { get; init; }

    /// <summary>The effective config's values, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Config { get; init; } = [];

    /// <summary>The default value of each key (a key missing here has no default: null).</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; init; } = new Dictionary<string, string>();

    /// <summary>What the data looked like, or null when it was not loaded.</summary>
    public DataSummary? Data { get; init; }

    /// <summary>The metrics.csv rows.</summary>
    public IReadOnlyList<MetricsRecord> Metrics { get; init; } = [];

    /// <summary>The learning curves, PNG.</summary>
    public byte[]? CurvesPng { get; init; }

    /// <summary>The checkpoints saved, oldest first.</summary>
    public IReadOnlyList<string> Checkpoints { get; init; } = [];

    /// <summary>The confusion matrix of one checkpoint on one split, or null.</summary>
    public ReportImage? Confusion { get; init; }

    /// <summary>Memory heatmaps of a few sequences.</summary>
    public IReadOnlyList<ReportImage> Heatmaps { get; init; } = [];

    /// <summary>Time and speed, or null when the run left no record of them.</summary>
    public RunTiming? Timing { get; init; }

    /// <summary>Why a section is missing or what to keep in mind reading it.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>When the report was made.</summary>
    public DateTimeOffset Generated { get; init; } = DateTimeOffset.Now;
}

/// <summary>A picture in the report with its caption.</summary>
/// <param name="Caption">What it shows.</param>
/// <param name="Png">The image.</param>
public sealed record ReportImage(string Caption, byte[] Png);

/// <summary>The shape of a run's data.</summary>
/// <param name="Name">Dataset key (logic, udpos, ...).</param>
/// <param name="Train">Training sequences.</param>
/// <param name="Validation">Validation sequences.</param>
/// <param name="Test">Test sequences.</param>
/// <param name="InputDim">Input width.</param>
/// <param name="Classes">Number of target classes.</param>
/// <param name="TrainSymbols">Symbols (steps) over all training sequences.</param>
/// <param name="ValidationSymbols">Symbols over all validation sequences.</param>
/// <param name="DataDir">Where the data was read from.</param>
public sealed record DataSummary(string Name, int Train, int Validation, int Test, int InputDim, int Classes,
    long TrainSymbols, long ValidationSymbols, string DataDir);

/// <summary>How long a run took.</summary>
/// <param name="Seconds">Wall time of training (evaluations included).</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Steps">Training steps, when the log recorded them.</param>
/// <param name="MemoryTrainings">Memory-net trainings, when the log recorded them.</param>
/// <param name="Finished">Whether the log says training finished.</param>
public sealed record RunTiming(double Seconds, int Epochs, long? Steps, long? MemoryTrainings, bool Finished);
