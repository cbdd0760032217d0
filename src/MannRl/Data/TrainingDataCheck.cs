using System.Globalization;
using MannRl.Config;

namespace MannRl.Data;

/// <summary>
/// Refuses training data too small to train on, which would otherwise end with exit 0 and meaningless results (zero
/// steps and metrics of 0), and warns when an epoch is too short for the memory-net ever to train.
/// </summary>
public static class TrainingDataCheck
{
    /// <summary>
    /// Throws an <see cref="InvalidDataException"/> when <paramref name="data"/> has fewer training sequences than
    /// <paramref name="config"/>'s learner needs (MANN-RL's streaming batch: 2, for batch norm; the LSTM: 1) or no
    /// validation sequence; sends a warning to <paramref name="log"/> when an epoch has fewer steps than
    /// <c>settle + history</c>, the step of the first memory training.
    /// </summary>
    public static void Check(ExperimentConfig config, SequenceDataset data, Action<string>? log)
    {
        bool mann = config.ModelKind != LearnerKind.Lstm;
        int needed = mann ? 2 : 1;
        if (data.Train.Count < needed)
            throw new InvalidDataException($"the {data.Name} data has {Sequences(data.Train.Count)} to train on; {(mann
                ? "MANN-RL needs at least 2 (its streaming batch needs 2 rows for batch norm)"
                : "training needs at least 1")}: use a data set with more training sequences{Raise(config)}");
        if (data.Validation.Count == 0)
            throw new InvalidDataException($"the {data.Name} data has no validation sequences, so every evaluation would be empty: "
                + $"use a data set with a validation split{(config.DatasetKind is DatasetKind.Wmt2014En or DatasetKind.Wmt2014EnFr ? " (or raise wmt_validation_truncate_size)" : "")}");
        if (config.ModelKind != LearnerKind.MannRl) return;
        long steps = StreamingSteps(data.Train, config.BatchSize);
        long first = (long)config.Settle + config.History;
        if (steps <= first)
            log?.Invoke($"warning: an epoch of the {data.Name} data is about {steps.ToString(CultureInfo.InvariantCulture)} steps ({Sequences(data.Train.Count)}), "
                + $"not more than settle + history ({first.ToString(CultureInfo.InvariantCulture)}), so the memory-net never trains (memory loss -1): "
                + "lower settle, history or batch_size, or train on more data");
    }

    /// <summary>
    /// The steps of one pass of the streaming batch over <paramref name="sequences"/> in their order: each of
    /// <paramref name="batchSize"/> slots takes the next sequence when its own ends, and the pass ends when fewer than two
    /// slots are busy. The epoch's shuffled order changes it a little, not its size.
    /// </summary>
    public static long StreamingSteps(IReadOnlyList<Sequence> sequences, int batchSize)
    {
        int slots = Math.Min(Math.Max(1, batchSize), sequences.Count);
        if (slots < 2) return 0;
        var ends = new PriorityQueue<long, long>();
        for (int i = 0; i < slots; i++) ends.Enqueue(sequences[i].Length, sequences[i].Length);
        int next = slots, busy = slots;
        while (true)
        {
            long end = ends.Dequeue();
            if (next < sequences.Count)
            {
                long later = end + sequences[next++].Length;
                ends.Enqueue(later, later);
            }
            else if (--busy < 2)
            {
                return end;
            }
        }
    }

    private static string Sequences(int n) => n == 1 ? "1 sequence" : $"{n.ToString(CultureInfo.InvariantCulture)} sequences";

    private static string Raise(ExperimentConfig c) => c.DatasetKind switch
    {
        DatasetKind.Udpos when c.TrainTruncateSize >= 0 => " (or raise train_truncate_size)",
        DatasetKind.Wmt2014En or DatasetKind.Wmt2014EnFr when c.WmtTrainTruncateSize >= 0 => " (or raise wmt_train_truncate_size)",
        _ => "",
    };
}
