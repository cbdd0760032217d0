namespace MannRl.Data;

/// <summary>
/// A task's data: splits of sequences plus the vocabularies that name input symbols and target classes.
/// Every task (logic, POS, sentences) produces one of these; the trainer needs nothing else.
/// </summary>
public sealed class SequenceDataset
{
    /// <summary>Creates a dataset; <paramref name="trainForEpoch"/> lets a curriculum grow the training set.</summary>
    public SequenceDataset(
        string name,
        int inputDim,
        IReadOnlyList<string> targetSymbols,
        IReadOnlyList<Sequence> train,
        IReadOnlyList<Sequence> validation,
        IReadOnlyList<Sequence>? test = null,
        IReadOnlyList<string>? inputSymbols = null,
        Func<int, IReadOnlyList<Sequence>>? trainForEpoch = null,
        Func<int, int, IReadOnlyList<Sequence>>? trainEvalForEpoch = null)
    {
        Name = name;
        InputDim = inputDim;
        TargetSymbols = targetSymbols;
        Train = train;
        Validation = validation;
        Test = test ?? [];
        InputSymbols = inputSymbols;
        _trainForEpoch = trainForEpoch;
        _trainEvalForEpoch = trainEvalForEpoch;
    }

    private readonly Func<int, IReadOnlyList<Sequence>>? _trainForEpoch;
    private readonly Func<int, int, IReadOnlyList<Sequence>>? _trainEvalForEpoch;

    /// <summary>The dataset key of the config (<c>logic</c>, <c>udpos</c>, <c>wmt2014-en</c>, <c>copy</c>, ...).</summary>
    public string Name { get; }

    /// <summary>Width of one input (one-hot vocabulary size or vector dimension).</summary>
    public int InputDim { get; }

    /// <summary>Number of target classes.</summary>
    public int TargetDim => TargetSymbols.Count;

    /// <summary>Names of the target classes, indexed by class id.</summary>
    public IReadOnlyList<string> TargetSymbols { get; }

    /// <summary>Names of the one-hot input symbols, or null for dense inputs (word vectors).</summary>
    public IReadOnlyList<string>? InputSymbols { get; }

    /// <summary>All training sequences (the full set, without curriculum).</summary>
    public IReadOnlyList<Sequence> Train { get; }

    /// <summary>Validation sequences.</summary>
    public IReadOnlyList<Sequence> Validation { get; }

    /// <summary>Test sequences (may be empty).</summary>
    public IReadOnlyList<Sequence> Test { get; }

    /// <summary>
    /// Which steps the metrics count and what a sequence's answer is (<see cref="Data.Scoring"/>). Default: every
    /// step, no answer.
    /// </summary>
    public Scoring Scoring { get; init; } = Scoring.EveryStep;

    /// <summary>How the task measures a sequence's length (<c>evaluate --by-length</c>). Default: steps.</summary>
    public SequenceLength Length { get; init; } = SequenceLength.Steps;

    /// <summary>
    /// When set, inputs are one-hot word ids and both networks put a trainable embedding of this width in
    /// front of them (<c>pos_embeddings: learned:DIM</c>), looked up by row.
    /// </summary>
    public int? LearnedEmbeddingDim { get; init; }

    /// <summary>The training sequences of a 0-based epoch (a curriculum may start small and grow).</summary>
    public IReadOnlyList<Sequence> TrainForEpoch(int epoch) => _trainForEpoch?.Invoke(epoch) ?? Train;

    /// <summary>
    /// The "eval on train" set of a 0-based epoch: the first <paramref name="truncate"/> training sequences
    /// (all when negative) of that epoch, unless the task defines its own (a curriculum mirrors its chunks).
    /// </summary>
    public IReadOnlyList<Sequence> TrainEvalForEpoch(int epoch, int truncate)
    {
        if (_trainEvalForEpoch is not null) return _trainEvalForEpoch(epoch, truncate);
        var train = TrainForEpoch(epoch);
        return truncate < 0 || truncate >= train.Count ? train : train.Take(truncate).ToArray();
    }

    /// <summary>A split by name: train, validation or test.</summary>
    public IReadOnlyList<Sequence> Split(string split) => split switch
    {
        "train" => Train,
        "validation" => Validation,
        "test" => Test,
        _ => throw new ArgumentException($"unknown split '{split}': use train, validation or test"),
    };
}
