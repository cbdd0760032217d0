using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MannRl.Config;
using MannRl.Engine;
using MannRl.Evaluation;

namespace MannRl.Training;

/// <summary>
/// What every trainer does around its epochs (spec section 4), whatever it trains: steps the learning-rate schedules,
/// logs each evaluation as the original did (with the weighted F1 smoothed over the last 7), writes the two
/// metrics.csv rows, and names the checkpoint to save: <c>v</c> when validation weighted F1 improves, <c>t</c> when
/// train weighted F1 improves (it wins over <c>v</c>), else <c>sp</c> at a save point.
/// </summary>
public sealed class RunProgress
{
    private readonly ExperimentConfig _config;
    private readonly ITrainingSink _sink;
    private readonly bool _logsMemoryLoss;
    private readonly SmoothedValue _smoothTrain = new(SmoothedValue.DefaultWindow), _smoothValidation = new(SmoothedValue.DefaultWindow);
    private double _bestTrain, _bestValidation;

    /// <summary>Creates the record of a run; <paramref name="logsMemoryLoss"/> when the learner has a memory-net.</summary>
    public RunProgress(ExperimentConfig config, ITrainingSink sink, bool logsMemoryLoss)
    {
        _config = config;
        _sink = sink;
        _logsMemoryLoss = logsMemoryLoss;
    }

    /// <summary>The last train row written (null before the first evaluation).</summary>
    public MetricsRow? LastTrain { get; private set; }

    /// <summary>The last validation row written.</summary>
    public MetricsRow? LastValidation { get; private set; }

    /// <summary>Steps a learning-rate schedule at the end of an epoch and logs a change of <paramref name="optimizer"/>'s rate.</summary>
    public void StepSchedule(MultiStepLR? schedule, Optimizer optimizer, string which)
    {
        if (schedule is null) return;
        float old = optimizer.LearningRate;
        schedule.Step();
        if (optimizer.LearningRate != old) _sink.Log($"{which} learning rate set to: {F(optimizer.LearningRate)}");
    }

    /// <summary>
    /// Logs and writes the evaluation of 0-based <paramref name="epoch"/>; returns the name of the checkpoint to save
    /// (tag + 1-based epoch, e.g. <c>t11</c>), or null.
    /// </summary>
    public string? Record(int epoch, EvaluationResult train, EvaluationResult validation, double actionLoss, double? memoryLoss, double elapsedSeconds)
    {
        var tm = train.Metrics;
        var vm = validation.Metrics;
        _smoothTrain.Add(tm.WeightedF1);
        _smoothValidation.Add(vm.WeightedF1);
        _sink.Log($"action loss: {F(actionLoss)}");
        if (_logsMemoryLoss) _sink.Log($"memory loss: {F(memoryLoss ?? -1)}");
        _sink.Log($"eval on train: micro p {F(tm.MicroPrecision)}  r {F(tm.MicroRecall)}  f1 {F(tm.MicroF1)}  weighted p {F(tm.WeightedPrecision)}  r {F(tm.WeightedRecall)}  f1 {F(tm.WeightedF1)}  smooth-weighted-f1 {F(_smoothTrain.Mean)}{Answers(train)}");
        _sink.Log($"eval on validation: micro p {F(vm.MicroPrecision)}  r {F(vm.MicroRecall)}  f1 {F(vm.MicroF1)}  weighted p {F(vm.WeightedPrecision)}  r {F(vm.WeightedRecall)}  f1 {F(vm.WeightedF1)}  smooth-weighted-f1 {F(_smoothValidation.Mean)}{Answers(validation)}");
        LastTrain = new MetricsRow(epoch + 1, "train", tm, train.AnswerAccuracy, actionLoss, memoryLoss, elapsedSeconds);
        LastValidation = new MetricsRow(epoch + 1, "validation", vm, validation.AnswerAccuracy, actionLoss, memoryLoss, elapsedSeconds);
        _sink.Metrics(LastTrain);
        _sink.Metrics(LastValidation);

        string tag = "";
        if (vm.WeightedF1 > _bestValidation) { _bestValidation = vm.WeightedF1; tag = "v"; }
        if (tm.WeightedF1 > _bestTrain) { _bestTrain = tm.WeightedF1; tag = "t"; }
        if (tag.Length == 0 && _config.SavePoint is int sp && sp > 0 && epoch % sp == 0) tag = "sp";
        if (tag.Length == 0) return null;
        _sink.Log($"Saving models ({tag})...");
        return $"{tag}{epoch + 1}";
    }

    /// <summary>Stores the smoothed values, the best values so far and the last rows into <paramref name="state"/>.</summary>
    public void SaveTo(TrainerState state)
    {
        Save(state, "progress.smooth_train", _smoothTrain);
        Save(state, "progress.smooth_validation", _smoothValidation);
        state.SetDouble("progress.best_train", _bestTrain);
        state.SetDouble("progress.best_validation", _bestValidation);
        if (LastTrain is { } t) state.Values["progress.last_train"] = JsonSerializer.Serialize(t, RowJson);
        if (LastValidation is { } v) state.Values["progress.last_validation"] = JsonSerializer.Serialize(v, RowJson);
    }

    /// <summary>Restores what <see cref="SaveTo"/> stored.</summary>
    public void RestoreFrom(TrainerState state)
    {
        Restore(state, "progress.smooth_train", _smoothTrain);
        Restore(state, "progress.smooth_validation", _smoothValidation);
        _bestTrain = state.GetDouble("progress.best_train");
        _bestValidation = state.GetDouble("progress.best_validation");
        LastTrain = state.Values.TryGetValue("progress.last_train", out var t) ? JsonSerializer.Deserialize<MetricsRow>(t, RowJson) : null;
        LastValidation = state.Values.TryGetValue("progress.last_validation", out var v) ? JsonSerializer.Deserialize<MetricsRow>(v, RowJson) : null;
    }

    private static readonly JsonSerializerOptions RowJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static void Save(TrainerState state, string name, SmoothedValue value)
    {
        var (values, sum) = value.GetState();
        state.Values[name] = string.Join(' ', values.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        state.SetDouble(name + ".sum", sum);
    }

    private static void Restore(TrainerState state, string name, SmoothedValue value)
    {
        string text = state.Get(name);
        var values = text.Length == 0 ? [] : text.Split(' ').Select(x => double.Parse(x, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        value.SetState(values, state.GetDouble(name + ".sum"));
    }

    private static string F(double v) => v.ToString("F6", CultureInfo.InvariantCulture);

    private static string Answers(EvaluationResult e) => e.AnswerAccuracy is { } a ? $"  answers {F(a)}" : "";
}
