using MannRl.Evaluation;
using MannRl.Training;

namespace MannRl.Tests.Training;

/// <summary>Keeps what a training run reports, in memory.</summary>
public sealed class RecordingSink : ITrainingSink
{
    public List<string> Lines { get; } = [];
    public List<MetricsRow> Rows { get; } = [];
    public List<string> Saves { get; } = [];

    public void Log(string message) => Lines.Add(message);
    public void Metrics(MetricsRow row) => Rows.Add(row);
    public void SaveCheckpoint(string name, TrainingSnapshot state) => Saves.Add(name);
    public void SaveState(TrainerState state) => States.Add(state.Epoch);
    public List<int> States { get; } = [];
}
