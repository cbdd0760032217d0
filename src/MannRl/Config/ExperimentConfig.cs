namespace MannRl.Config;

/// <summary>
/// One experiment's settings: one property per YAML key of the original MANN-RL configs (the property name is the
/// snake_case key in PascalCase: <c>mem_learning_rate</c> is <see cref="MemLearningRate"/>), plus a few new keys.
/// Keys the original required default to the shipped logic config (<c>configs/logic/logic_m_best.yaml</c>); keys the
/// original tested with <c>"key" in config</c> default to what their absence meant there (null = off).
/// Load with <see cref="ConfigLoader"/>, check with <see cref="Validate"/>, write with <see cref="ConfigWriter"/>.
/// A key whose value is a name keeps the text as written (the YAML side); its parsed value is the get-only property
/// of the same name with <c>Kind</c> appended (<see cref="MemTarget"/> -> <see cref="MemTargetKind"/>), whose enum
/// lists the allowed names (<see cref="ConfigNames{T}"/>). Those properties throw the validation error for a name
/// that is not allowed.
/// </summary>
public sealed partial record ExperimentConfig
{
    /// <summary>Where the config came from (file name, <c>built-in:...</c>); used in error messages, not a YAML key.</summary>
    public string Source { get; init; } = "config";

    // ---- data -------------------------------------------------------------------------------------------------

    /// <summary><c>dataset</c>: logic, udpos, wmt2014-en, wmt2014-en-fr, copy, repeat-copy or associative-recall.
    /// Default: logic.</summary>
    public string Dataset { get; set; } = "logic";

    /// <summary><c>input_dim</c>: input width; null or 0 = take it from the data. Default: null.</summary>
    public int? InputDim { get; set; }

    /// <summary><c>target_dim</c>: number of target classes; null or 0 = take it from the data. Default: null.</summary>
    public int? TargetDim { get; set; }

    /// <summary><c>train_truncate_size</c> (udpos): train on the first N sequences; &lt;= 0 = all. Default: -1.</summary>
    public int TrainTruncateSize { get; set; } = -1;

    /// <summary><c>train_eval_truncate_size</c>: evaluate on the first N training sequences; &lt;= 0 = all. Default: -1.</summary>
    public int TrainEvalTruncateSize { get; set; } = -1;

    /// <summary><c>wmt_train_truncate_size</c>: keep the first N training pairs; &lt;= 0 = all. Default: -1.</summary>
    public int WmtTrainTruncateSize { get; set; } = -1;

    /// <summary><c>wmt_validation_truncate_size</c>: keep the first N validation pairs; &lt;= 0 = all. Default: -1.</summary>
    public int WmtValidationTruncateSize { get; set; } = -1;

    /// <summary><c>wmt_curriculum</c>: <c>[milestone, chunk]</c>, or null for no curriculum. Default: null.</summary>
    public Curriculum? WmtCurriculum { get; set; }

    /// <summary><c>wmt_add_chars_to_curriculum</c>: add one-character pairs to the first chunk (curriculum only). Default: false.</summary>
    public bool WmtAddCharsToCurriculum { get; set; }

    /// <summary><c>wmt_force_non_curriculum_train_eval</c>: evaluate on train without the curriculum. Default: false.</summary>
    public bool WmtForceNonCurriculumTrainEval { get; set; }

    /// <summary><c>sentences_file</c> (new): sentence file, relative to the data directory, for the wmt datasets;
    /// null = the WMT14 news-commentary file. Default: null.</summary>
    public string? SentencesFile { get; set; }

    /// <summary><c>sentences_file_target</c> (new): line-aligned target-language file, relative to the data directory
    /// (wmt2014-en-fr); null = the WMT14 file. Default: null.</summary>
    public string? SentencesFileTarget { get; set; }

    /// <summary><c>reading_target</c> (new): target while the source sentence is read: digits (the code) or empty
    /// (the paper). Default: digits.</summary>
    public string ReadingTarget { get; set; } = "digits";

    /// <summary><c>pos_tagset</c> (new): udpos targets: xpos (Penn tags, the original) or upos. Default: xpos.</summary>
    public string PosTagset { get; set; } = "xpos";

    /// <summary><c>pos_embeddings</c> (new): udpos word inputs: <c>glove:PATH</c>, <c>random:DIM</c> or <c>learned:DIM</c>;
    /// null = GloVe from the data directory. Default: null.</summary>
    public string? PosEmbeddings { get; set; }

    /// <summary><c>data_file</c> (new): the sequences of <c>dataset: symbols</c>, a file in the format of
    /// <c>mannrl data make</c>, relative to the data directory (or absolute). Default: null.</summary>
    public string? DataFile { get; set; }

    /// <summary><c>data_seed</c> (new): seed of generated data (logic when no data file is read, the memory tasks);
    /// null = <c>seed</c>. Default: null.</summary>
    public ulong? DataSeed { get; set; }

    /// <summary><c>logic_operands</c> (new): operand counts of the logic task's <c>and</c> / <c>or</c> sequences
    /// (<c>xor</c> always has two). Other than the default, the data is generated, never read from the data directory.
    /// Default: [2, 20] (the original).</summary>
    public IntRange LogicOperands { get; set; } = new(2, 20);

    /// <summary><c>logic_count</c> (new): logic sequences generated, the last 5% for validation. Other than the
    /// default, the data is generated, never read from the data directory. Default: 10000 (the original).</summary>
    public int LogicCount { get; set; } = 10_000;

    /// <summary><c>task_alphabet</c> (new): data symbols K of the memory tasks (copy, repeat-copy,
    /// associative-recall), named a, b, c, ... (2..26). Default: 8.</summary>
    public int TaskAlphabet { get; set; } = 8;

    /// <summary><c>task_lengths</c> (new): memory tasks, training and validation: symbols to copy, or key-value
    /// pairs to recall. Default: [1, 5].</summary>
    public IntRange TaskLengths { get; set; } = new(1, 5);

    /// <summary><c>task_eval_lengths</c> (new): memory tasks, the test split (length generalisation). Default: [6, 8].</summary>
    public IntRange TaskEvalLengths { get; set; } = new(6, 8);

    /// <summary><c>task_repeats</c> (new): repeat-copy, training and validation: repeat counts (1..9). Default: [1, 3].</summary>
    public IntRange TaskRepeats { get; set; } = new(1, 3);

    /// <summary><c>task_eval_repeats</c> (new): repeat-copy, the test split: repeat counts (1..9). Default: [4, 6].</summary>
    public IntRange TaskEvalRepeats { get; set; } = new(4, 6);

    /// <summary><c>task_train_size</c> (new): memory tasks: training sequences generated. Default: 10000.</summary>
    public int TaskTrainSize { get; set; } = 10_000;

    /// <summary><c>task_eval_size</c> (new): memory tasks: validation and test sequences generated (each). Default: 500.</summary>
    public int TaskEvalSize { get; set; } = 500;

    // ---- schedule and evaluation --------------------------------------------------------------------------------

    /// <summary><c>seed</c> (new): the one seed of every random draw (the original used 13). Default: 13.</summary>
    public ulong Seed { get; set; } = 13;

    /// <summary><c>epochs</c>: training epochs. Default: 72.</summary>
    public int Epochs { get; set; } = 72;

    /// <summary><c>batch_size</c>: training slots (at least 2 for batch norm). Default: 16.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary><c>eval_batch_size</c>: evaluation slots. Default: 256.</summary>
    public int EvalBatchSize { get; set; } = 256;

    /// <summary><c>eval_interval</c>: evaluate when the 0-based epoch is a multiple of this. Default: 1.</summary>
    public int EvalInterval { get; set; } = 1;

    /// <summary><c>save_point</c>: also save when the 0-based epoch is a multiple of this; null = never. Default: null.</summary>
    public int? SavePoint { get; set; }

    /// <summary>
    /// <c>keep_checkpoints</c>: besides the best of each tag (<c>t</c>, <c>v</c>, the last <c>sp</c>) and <c>final</c>, keep
    /// the newest this many checkpoints and delete older ones; 0 keeps all. Default: 3.
    /// </summary>
    public int KeepCheckpoints { get; set; } = 3;

    /// <summary><c>debug_level</c>: log level, debug, info or warning. Default: info (the original defaulted to debug).</summary>
    public string DebugLevel { get; set; } = "info";

    // ---- action network ---------------------------------------------------------------------------------------

    /// <summary><c>action_model</c>: flatdann, embdann or parallelActionNet. Default: flatdann.</summary>
    public string ActionModel { get; set; } = "flatdann";

    /// <summary><c>use_swish</c>: flatdann uses SiLU instead of ReLU. Default: false.</summary>
    public bool UseSwish { get; set; }

    /// <summary><c>action_embedding_dim</c>: input embedding width (embdann, parallelActionNet). Default: null.</summary>
    public int? ActionEmbeddingDim { get; set; }

    /// <summary><c>action_chunk_dim</c>: memory chunk width of parallelActionNet (a power of two). Default: null.</summary>
    public int? ActionChunkDim { get; set; }

    /// <summary><c>action_fn_is_tanh</c>: parallelActionNet sub-nets use Tanh instead of ReLU. Default: false.</summary>
    public bool ActionFnIsTanh { get; set; }

    /// <summary><c>action_emb_fn_is_tanh</c>: parallelActionNet's embedding uses Tanh instead of ReLU. Default: false.</summary>
    public bool ActionEmbFnIsTanh { get; set; }

    /// <summary><c>loss_function</c>: the action loss; only cross_entropy. Default: cross_entropy.</summary>
    public string LossFunction { get; set; } = "cross_entropy";

    /// <summary><c>action_loss_on</c> (new): cross entropy over the softmax probabilities (the original) or the
    /// logits. Default: probabilities.</summary>
    public string ActionLossOn { get; set; } = "probabilities";

    /// <summary><c>action_optimizer</c>: adam, sgd or rmsprop. Default: adam.</summary>
    public string ActionOptimizer { get; set; } = "adam";

    /// <summary><c>action_learning_rate</c>. Default: 0.001.</summary>
    public double ActionLearningRate { get; set; } = 0.001;

    /// <summary><c>action_lr_rate_decay</c>: MultiStepLR schedule; null = constant rate. Default: null.</summary>
    public LrDecay? ActionLrRateDecay { get; set; }

    /// <summary><c>action_clipping</c>: maximum gradient L2 norm; null = no clipping. Default: null.</summary>
    public double? ActionClipping { get; set; }

    // ---- memory-net -------------------------------------------------------------------------------------------

    /// <summary><c>mem_model</c>: flatmnn, flatmnnNA, embmnn, embmnnNA, embWLmnnNA or parallelMemNetNA. Default: flatmnnNA.</summary>
    public string MemModel { get; set; } = "flatmnnNA";

    /// <summary><c>memory_dim</c>: memory width M. Default: 48.</summary>
    public int MemoryDim { get; set; } = 48;

    /// <summary><c>mem_embedding_dim</c>: input embedding width of the emb*/parallel memory-nets. Default: null.</summary>
    public int? MemEmbeddingDim { get; set; }

    /// <summary><c>mem_emb_fn_is_tanh</c>: the memory-net's input embedding uses Tanh instead of ReLU. Default: false.</summary>
    public bool MemEmbFnIsTanh { get; set; }

    /// <summary><c>mem_fn_is_tanh</c>: intermediate memory layers use Tanh instead of ReLU. Default: false.</summary>
    public bool MemFnIsTanh { get; set; }

    /// <summary><c>mem_num_intermediate_layers</c>: dense-skip layers of embWLmnnNA / parallelMemNetNA. Default: 0.</summary>
    public int MemNumIntermediateLayers { get; set; }

    /// <summary><c>mem_intermediate_dim</c>: width of those layers. Default: 0.</summary>
    public int MemIntermediateDim { get; set; }

    /// <summary><c>mem_num_mem_net</c>: sub-nets of parallelMemNetNA (must divide memory_dim). Default: null.</summary>
    public int? MemNumMemNet { get; set; }

    /// <summary><c>mem_funnel_to_zero_chunk</c>: parallelMemNetNA's sub-net 0 reads the whole memory. Default: false.</summary>
    public bool MemFunnelToZeroChunk { get; set; }

    // ---- memory-net training (Q-learning) ----------------------------------------------------------------------

    /// <summary><c>history</c>: replay history length H. Default: 12.</summary>
    public int History { get; set; } = 12;

    /// <summary><c>settle</c>: the memory-net trains every settle + H steps. Default: 12.</summary>
    public int Settle { get; set; } = 12;

    /// <summary><c>mem_train_iterations</c>: memory-net updates per training point. Default: 1.</summary>
    public int MemTrainIterations { get; set; } = 1;

    /// <summary><c>mem_num_samples</c>: transitions sampled per update (1 &lt;= n &lt; history). Default: 8.</summary>
    public int MemNumSamples { get; set; } = 8;

    /// <summary><c>mem_optimizer</c>: adam, sgd or rmsprop. Default: rmsprop.</summary>
    public string MemOptimizer { get; set; } = "rmsprop";

    /// <summary><c>mem_learning_rate</c>. Default: 0.00001.</summary>
    public double MemLearningRate { get; set; } = 0.00001;

    /// <summary><c>mem_lr_rate_decay</c>: MultiStepLR schedule; null = constant rate. Default: null.</summary>
    public LrDecay? MemLrRateDecay { get; set; }

    /// <summary><c>mem_clipping</c>: maximum gradient L2 norm; null = no clipping. Default: null.</summary>
    public double? MemClipping { get; set; }

    /// <summary><c>mem_gamma</c> (old name <c>gamma</c>): discount of the Q-target. Default: 0.99.</summary>
    public double MemGamma { get; set; } = 0.99;

    /// <summary><c>mem_dampen_losses</c> (old name <c>dampen_losses</c>): d &gt; 0 turns a loss l into d ln(1 + l);
    /// 0 = off. Default: 0.</summary>
    public double MemDampenLosses { get; set; }

    /// <summary><c>mem_clamp</c>: c &gt; 0 clamps the loss to [0, c]; 0 = off. Default: 0.</summary>
    public double MemClamp { get; set; }

    /// <summary><c>mem_l1</c>: adds mem_l1 * mean(|policy memory|) to the loss; null = off. Default: null.</summary>
    public double? MemL1 { get; set; }

    /// <summary><c>mem_train_with_targets</c>: feed targets instead of actions to the memory-net in training. Default: false.</summary>
    public bool MemTrainWithTargets { get; set; }

    /// <summary><c>mem_target</c> (new): full (gradient through both branches, the original) or detached (DQN-style
    /// fixed target). Default: full.</summary>
    public string MemTarget { get; set; } = "full";

    /// <summary><c>mem_reset_probability</c> (new): the chance, in training, that a slot's memory is reset to zero
    /// when a new sequence enters it. Evaluation starts every slot from a zero memory, which the original's training
    /// shows the nets only at epoch starts; resets teach that start. Default: 0 (the original: never).</summary>
    public double MemResetProbability { get; set; }

    /// <summary><c>mem_n_step</c> (new): n of the memory-net's n-step TD target: a replayed transition spans n steps,
    /// its reward is the discounted sum of the n action losses (each shaped as a one-step reward) and it bootstraps from
    /// γ^n times the memory the memory-net writes n steps later. Default: 1 (the original's one-step target).</summary>
    public int MemNStep { get; set; } = 1;

    /// <summary><c>mem_answer_reward_weight</c> (new): the memory-net's reward at the last step of a sequence (logic's
    /// answer) is this times the action loss there (before <c>mem_dampen_losses</c> and <c>mem_clamp</c>); every other
    /// step's reward is the action loss. Default: 1 (the original: every step alike).</summary>
    public double MemAnswerRewardWeight { get; set; } = 1;

    /// <summary><c>mem_reward_baseline</c> (new): none (the original) or mean: the mean shaped loss of a memory-net update's
    /// rows is subtracted from each row's before the TD target is formed, so the target no longer lies below the
    /// memory the memory-net writes at every step. Default: none.</summary>
    public string MemRewardBaseline { get; set; } = "none";

    /// <summary><c>mem_output_gain</c> (new): the initial weight of the memory-net's output BatchNorm (the one before the
    /// Sigmoid), which scales the activation the Sigmoid reads and so how long a trace in the memory lasts. Default: 1
    /// (PyTorch's initialisation, the original).</summary>
    public double MemOutputGain { get; set; } = 1;

    /// <summary><c>mem_leak</c> (new): α of a leaky memory write: the memory-net's output is (1 − α)·m + α·w, where w is
    /// what its layers write, so that a trace fades more slowly (the memory-net still learns w by its TD update, through
    /// the factor α). Default: 1 (the original: the memory is w).</summary>
    public double MemLeak { get; set; } = 1;

    /// <summary><c>action_answer_weight</c> (new): the action net's gradient at the last step of a sequence (logic's answer)
    /// is scaled by this weight, as if that step's loss counted this many times in the batch mean; every other step's
    /// counts once. Default: 1 (the original: every step alike).</summary>
    public double ActionAnswerWeight { get; set; } = 1;
}
