namespace MannRl.Config;

public sealed partial record ExperimentConfig
{
    /// <summary>
    /// Checks names, ranges and the constraints between keys; throws a <see cref="ConfigException"/> naming the
    /// first problem and its fix. Dimensions that depend on the data are checked by <see cref="ValidateAgainstData"/>.
    /// </summary>
    public void Validate()
    {
        // Each parsed property throws the error that names the allowed values.
        _ = (ModelKind, DatasetKind, ActionModelKind, MemModelKind, ActionOptimizerKind, MemOptimizerKind, LossFunctionKind, ActionLossOnKind,
            MemTargetKind, MemRewardBaselineKind, ReadingTargetKind, PosTagsetKind, DebugLevelKind, PosEmbeddingsSpec);
        if (DatasetKind == DatasetKind.Symbols && string.IsNullOrWhiteSpace(DataFile))
            throw Error("data_file", "dataset symbols reads its sequences from data_file: set it to your data file "
                + "(the format of 'mannrl data make', relative to the data directory)");
        if (DataFile is not null && DatasetKind != DatasetKind.Symbols)
            throw Error("data_file", $"only dataset symbols reads data_file, this config's dataset is {Dataset}: remove data_file or set dataset: symbols");
        if (SentencesFileTarget is not null && SentencesFile is null)
            throw Error("sentences_file_target", "it needs sentences_file (the source side); set sentences_file too or remove this key");

        if (InputDim < 0) throw Error("input_dim", $"must be positive (or 0/absent to take it from the data), got {InputDim}");
        if (TargetDim < 0) throw Error("target_dim", $"must be positive (or 0/absent to take it from the data), got {TargetDim}");
        AtLeast("epochs", Epochs, 1);
        if (ModelKind == LearnerKind.Lstm) AtLeast("batch_size", BatchSize, 1);
        else AtLeast("batch_size", BatchSize, 2, "batch norm needs 2 rows in training");
        AtLeast("eval_batch_size", EvalBatchSize, 1);
        AtLeast("eval_interval", EvalInterval, 1);
        if (SavePoint is int savePoint) AtLeast("save_point", savePoint, 1, "or remove it to save only on improvement");
        AtLeast("keep_checkpoints", KeepCheckpoints, 0, "0 keeps every checkpoint");
        AtLeast("memory_dim", MemoryDim, 1);
        AtLeast("history", History, 2, "the memory-net learns from transitions between two remembered steps");
        AtLeast("settle", Settle, 0);
        AtLeast("mem_train_iterations", MemTrainIterations, 1);
        AtLeast("mem_num_samples", MemNumSamples, 1);
        if (MemNumSamples >= History)
            throw Error("mem_num_samples", $"must be less than history ({History}): it samples distinct ages 1..history-1; "
                + $"set mem_num_samples to at most {History - 1} or raise history");

        AtLeast("mem_n_step", MemNStep, 1, "1 is the original's one-step target");
        if (MemNStep > 1 && MemNumSamples > History - MemNStep)
            throw Error("mem_n_step", $"{MemNStep}-step transitions start at ages {MemNStep}..history-1, so mem_num_samples ({MemNumSamples}) "
                + $"distinct ones need history at least {(long)MemNumSamples + MemNStep}: raise history to {(long)MemNumSamples + MemNStep} or lower mem_num_samples to {History - MemNStep}");

        Positive("action_learning_rate", ActionLearningRate);
        Positive("mem_learning_rate", MemLearningRate);
        if (ActionClipping is double ac) Positive("action_clipping", ac, "or remove it for no clipping");
        if (MemClipping is double mc) Positive("mem_clipping", mc, "or remove it for no clipping");
        InUnitInterval("mem_gamma", MemGamma, "the usual value is 0.99");
        NonNegative("mem_dampen_losses", MemDampenLosses);
        NonNegative("mem_clamp", MemClamp);
        if (MemL1 is double l1) NonNegative("mem_l1", l1);
        if (!(MemAnswerRewardWeight >= 0 && MemAnswerRewardWeight <= 1e6))
            throw Error("mem_answer_reward_weight", $"must be in [0, 1e6], got {F(MemAnswerRewardWeight)}; 1 weighs the answer step as any other (the original)");
        if (!(MemOutputGain > 0 && MemOutputGain <= 1000))
            throw Error("mem_output_gain", $"must be in (0, 1000], got {F(MemOutputGain)}; 1 is PyTorch's initialisation (the original)");
        if (!(ActionAnswerWeight >= 0 && ActionAnswerWeight <= 1e6))
            throw Error("action_answer_weight", $"must be in [0, 1e6], got {F(ActionAnswerWeight)}; 1 weighs the answer step as any other (the original)");
        if (!(MemLeak > 0 && MemLeak <= 1))
            throw Error("mem_leak", $"must be in (0, 1], got {F(MemLeak)}; 1 writes the memory-net's output as the memory (the original), 0.1 keeps 90% of the memory each step");
        InUnitInterval("mem_reset_probability", MemResetProbability, "0 never resets (the original), 0.2 is a good start");
        CheckDecay("action_lr_rate_decay", ActionLrRateDecay);
        CheckDecay("mem_lr_rate_decay", MemLrRateDecay);
        if (WmtCurriculum is { } c && (c.Milestone < 1 || c.Chunk < 1))
            throw Error("wmt_curriculum", $"milestone and chunk must both be at least 1, got {c}; e.g. [2000, 500], or null for no curriculum");

        CheckUpperBounds();
        CheckGeneratedData();
        CheckModelShapes();
        CheckLearner();
    }

    /// <summary>Sizes far beyond any machine, refused by key before arithmetic on them can overflow (<see cref="ConfigLimits"/>).</summary>
    private void CheckUpperBounds()
    {
        const string Memory = "the run would not fit in memory";
        AtMost("epochs", Epochs, ConfigLimits.MaxIterations);
        AtMost("batch_size", BatchSize, ConfigLimits.MaxCount, Memory);
        AtMost("eval_batch_size", EvalBatchSize, ConfigLimits.MaxCount, Memory);
        AtMost("history", History, ConfigLimits.MaxCount, Memory);
        AtMost("settle", Settle, ConfigLimits.MaxIterations);
        AtMost("mem_train_iterations", MemTrainIterations, ConfigLimits.MaxIterations);
        AtMost("mem_num_samples", MemNumSamples, ConfigLimits.MaxCount, Memory);
        AtMost("mem_n_step", MemNStep, ConfigLimits.MaxCount, Memory);
        AtMost("memory_dim", MemoryDim, ConfigLimits.MaxWidth, Memory);
        AtMost("input_dim", InputDim ?? 0, ConfigLimits.MaxWidth, Memory);
        AtMost("target_dim", TargetDim ?? 0, ConfigLimits.MaxWidth, Memory);
        AtMost("action_embedding_dim", ActionEmbeddingDim ?? 0, ConfigLimits.MaxWidth, Memory);
        AtMost("action_chunk_dim", ActionChunkDim ?? 0, ConfigLimits.MaxWidth, Memory);
        AtMost("mem_embedding_dim", MemEmbeddingDim ?? 0, ConfigLimits.MaxWidth, Memory);
        AtMost("mem_intermediate_dim", MemIntermediateDim, ConfigLimits.MaxWidth, Memory);
        AtMost("mem_num_intermediate_layers", MemNumIntermediateLayers, ConfigLimits.MaxLayers, Memory);
        AtMost("mem_num_mem_net", MemNumMemNet ?? 0, ConfigLimits.MaxLayers, Memory);
        AtMost("lstm_hidden_dim", LstmHiddenDim, ConfigLimits.MaxWidth, Memory);
        AtMost("lstm_layers", LstmLayers, ConfigLimits.MaxLayers, Memory);
        AtMost("logic_count", LogicCount, ConfigLimits.MaxSequences, Memory);
        AtMost("task_train_size", TaskTrainSize, ConfigLimits.MaxSequences, Memory);
        AtMost("task_eval_size", TaskEvalSize, ConfigLimits.MaxSequences, Memory);
        AtMost("logic_operands", LogicOperands.Max, ConfigLimits.MaxSequenceLength, Memory);
        AtMost("task_lengths", TaskLengths.Max, ConfigLimits.MaxSequenceLength, Memory);
        AtMost("task_eval_lengths", TaskEvalLengths.Max, ConfigLimits.MaxSequenceLength, Memory);
    }

    /// <summary>
    /// Fills absent (null or 0) <c>input_dim</c>/<c>target_dim</c> from the data; throws when the config gives
    /// values that differ from it.
    /// </summary>
    public void ValidateAgainstData(int inputDim, int targetDim)
    {
        if (InputDim is null or 0) InputDim = inputDim;
        else if (InputDim != inputDim)
            throw Error("input_dim", $"config says input_dim {InputDim} but the data has {inputDim} input symbols: set input_dim: {inputDim} or remove it");
        if (TargetDim is null or 0) TargetDim = targetDim;
        else if (TargetDim != targetDim)
            throw Error("target_dim", $"config says target_dim {TargetDim} but the data has {targetDim} target classes: set target_dim: {targetDim} or remove it");
    }

    private void CheckGeneratedData()
    {
        if (LogicOperands.Min < 1 || LogicOperands.Max < LogicOperands.Min)
            throw Error("logic_operands", $"needs 1 <= min <= max, got {LogicOperands}; e.g. [2, 20] (the original) or [21, 40]");
        AtLeast("logic_count", LogicCount, 2, "the last 5% validate, the rest train");
        if (TaskAlphabet is < 2 or > 26)
            throw Error("task_alphabet", $"must be in [2, 26] (the data symbols are the letters a, b, ...), got {TaskAlphabet}; e.g. 8");
        bool pairs = DatasetKind == DatasetKind.AssociativeRecall;
        int maxLength = pairs ? TaskAlphabet : int.MaxValue;
        string why = pairs
            ? $"the keys of a sequence are distinct, so at most task_alphabet ({TaskAlphabet}) pairs"
            : "at least one symbol";
        CheckRange("task_lengths", TaskLengths, 1, maxLength, why);
        CheckRange("task_eval_lengths", TaskEvalLengths, 1, maxLength, why);
        CheckRange("task_repeats", TaskRepeats, 1, 9, "a repeat count is one digit symbol");
        CheckRange("task_eval_repeats", TaskEvalRepeats, 1, 9, "a repeat count is one digit symbol");
        AtLeast("task_train_size", TaskTrainSize, 1);
        AtLeast("task_eval_size", TaskEvalSize, 1);
    }

    private void CheckRange(string key, IntRange range, int min, int max, string why)
    {
        if (range.Min < min || range.Max < range.Min || range.Max > max)
            throw Error(key, $"needs {min} <= min <= max{(max == int.MaxValue ? "" : $" <= {max}")} ({why}), got {range}; "
                + $"set {key}: [min, max] in that range");
    }

    private void CheckModelShapes()
    {
        ActionModelKind action = ActionModelKind;
        MemoryModelKind memory = MemModelKind;
        if (action is ActionModelKind.EmbDann or ActionModelKind.ParallelActionNet) Needed("action_embedding_dim", ActionEmbeddingDim, ActionModel);
        if (action == ActionModelKind.ParallelActionNet)
        {
            Needed("action_chunk_dim", ActionChunkDim, ActionModel);
            if (!IsPowerOfTwo(ActionChunkDim!.Value))
                throw Error("action_chunk_dim", $"parallelActionNet needs a power of two, got {ActionChunkDim}; e.g. {RoundToPowerOfTwo(ActionChunkDim.Value)}");
            if (!IsPowerOfTwo(MemoryDim))
                throw Error("memory_dim", $"parallelActionNet needs a power of two, got {MemoryDim}; e.g. {RoundToPowerOfTwo(MemoryDim)}");
        }
        if (memory is not (MemoryModelKind.FlatMnn or MemoryModelKind.FlatMnnNA)) Needed("mem_embedding_dim", MemEmbeddingDim, MemModel);
        if (memory is MemoryModelKind.EmbWLMnnNA or MemoryModelKind.ParallelMemNetNA)
        {
            AtLeast("mem_num_intermediate_layers", MemNumIntermediateLayers, 0);
            if (MemNumIntermediateLayers > 0)
                AtLeast("mem_intermediate_dim", MemIntermediateDim, 1, "intermediate layers need a width");
        }
        if (memory == MemoryModelKind.ParallelMemNetNA)
        {
            Needed("mem_num_mem_net", MemNumMemNet, MemModel);
            if (MemoryDim % MemNumMemNet!.Value != 0)
                throw Error("memory_dim", $"parallelMemNetNA splits memory_dim {MemoryDim} into mem_num_mem_net {MemNumMemNet} equal chunks; "
                    + "make memory_dim a multiple of mem_num_mem_net");
        }
    }

    private void CheckDecay(string key, LrDecay? decay)
    {
        if (decay is null) return;
        if (decay.Milestones.Length == 0 || decay.Milestones.Any(m => m < 1))
            throw Error(key, $"milestones must be epoch counts of at least 1, got {decay}; e.g. [[100, 150], 0.5]");
        if (!(decay.Gamma > 0) || double.IsInfinity(decay.Gamma))
            throw Error(key, $"the decay factor must be a positive number, got {F(decay.Gamma)}; e.g. [[100, 150], 0.5]");
    }

    private void Needed(string key, int? value, string model)
    {
        if (value is null or < 1)
            throw Error(key, $"{model} needs it as a positive integer, got {(value is null ? "none" : value)}; add e.g. {key}: 96");
    }

    private void AtLeast(string key, int value, int min, string? why = null)
    {
        if (value < min) throw Error(key, $"must be at least {min}, got {value}{(why is null ? "" : $" ({why})")}; set {key}: {min} or more");
    }

    private void AtMost(string key, int value, int max, string? why = null)
    {
        if (value > max)
            throw Error(key, $"must be at most {max}, got {value}{(why is null ? "" : $" ({why})")}; set {key}: {max} or less");
    }

    private void Positive(string key, double value, string? alternative = null)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw Error(key, $"must be a positive number, got {F(value)}; set a positive value{(alternative is null ? "" : $" {alternative}")}");
    }

    private void InUnitInterval(string key, double value, string hint)
    {
        if (!(value >= 0 && value <= 1)) throw Error(key, $"must be in [0, 1], got {F(value)}; {hint}");
    }

    private void NonNegative(string key, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value)) throw Error(key, $"must be 0 (off) or a positive number, got {F(value)}");
    }

    private ConfigException Error(string key, string message) => new(Source, key, null, message);

    private static string F(double value) => ConfigWriter.FormatDouble(value);

    private static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;

    private static int RoundToPowerOfTwo(int value) => value <= 1 ? 1 : 1 << Math.Min(30, (int)Math.Round(Math.Log2(value)));
}
