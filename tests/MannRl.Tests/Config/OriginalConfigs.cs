namespace MannRl.Tests.Config;

/// <summary>Config files of the original (GenAIz/neuralmemory), verbatim, to prove they all load.</summary>
internal static class OriginalConfigs
{
    // config/logic/logic_m_best.yaml at 4ad9a29 (newest)
    public const string LogicMBest = """
{
  "dataset": "logic",
  # input size and target size
  "input_dim": 11,
  "target_dim": 11,
  # eval on train size (first X of train)
  "train_eval_truncate_size": -1,
  "eval_interval": 10,
  # number of actions to retain for training the memory
  "history": 12,
  "settle": 12,
  # use swish over relu
  "use_swish": true,
  # name used to load action NN model
  "action_model": "flatdann",
  # training settings for action model (some of which are used for mem model)
  "epochs": 72,
  "batch_size": 16,
  "eval_batch_size": 256,
  "loss_function": "cross_entropy",
  "action_optimizer": "adam",
  "action_learning_rate": 0.001,
  "action_clipping": 1,
  # name used to load mem NN model
  "mem_model": "flatmnnNA",
  # memory size
  "memory_dim": 48,
  # training settings for the mem model
  "mem_train_iterations": 1,
  "mem_optimizer": "rmsprop",
  "mem_learning_rate": 0.00001,
  "mem_clipping": 1,
  "mem_num_samples": 8,
  "mem_gamma": 0.99,
  "mem_dampen_losses": 3
}

""";

    // config/pos/udpos_m_best.yaml at 4ad9a29 (newest)
    public const string UdposMBest = """
{
  "dataset": "udpos",
  # input size and target size
  "input_dim": 300,
  "target_dim": 50,
  # eval on train size (first X of train)
  "train_eval_truncate_size": -1,
  "eval_interval": 10,
  # number of actions to retain for training the memory
  "history": 16,
  "settle": 8,
  # name used to load action NN model
  "action_model": "flatdann",
  # training settings for action model (some of which are used for mem model)
  "epochs": 256,
  "batch_size": 16,
  "eval_batch_size": 256,
  "loss_function": "cross_entropy",
  "action_optimizer": "adam",
  "action_learning_rate": 0.0001,
  "action_clipping": 0.01,
  # name used to load mem NN model
  "mem_model": "flatmnnNA",
  # memory size
  "memory_dim": 175,
  # training settings for the mem model
  "mem_train_iterations": 2,
  "mem_optimizer": "rmsprop",
  "mem_learning_rate": 0.00001,
  "mem_lr_rate_decay": [[100, 150], 0.5],
  "mem_clipping": 0.001,
  "mem_num_samples": 8,
  "mem_gamma": 0.99,
  "mem_dampen_losses": 3
}

""";

    // config/mt/wmt2014_en_m_best.yaml at 4ad9a29 (newest): still uses the old keys gamma / dampen_losses
    public const string Wmt2014EnMBest = """
{
  "dataset": "wmt2014-en",
  "save_point": 32,
  # input size and target size
  "input_dim": 171,
  "target_dim": 171,
  # eval on train size (first X of train)
  "train_eval_truncate_size": 500,
  "eval_interval": 50,
  "wmt_train_truncate_size": 5000,
  "wmt_validation_truncate_size": 100,
  "wmt_curriculum": [2000, 500],
  "wmt_add_chars_to_curriculum": true,
  # number of actions to retain for training the memory
  "history": 17,
  "settle": 3,
  # name used to load action NN model
  "action_model": "embdann",
  # training settings for action model (some of which are used for mem model)
  "epochs": 2048,
  "batch_size": 16,
  "eval_batch_size": 256,
  "loss_function": "cross_entropy",
  "action_optimizer": "adam",
  "action_learning_rate": 0.00001,
  "action_clipping": 0.01,
  "action_embedding_dim": 96,
  # name used to load mem NN model
  "mem_model": "embmnnNA",
  "mem_embedding_dim": 96,
  # memory size
  "memory_dim": 1024,
  # training settings for the mem model
  "mem_train_iterations": 1,
  "mem_optimizer": "rmsprop",
  "mem_learning_rate": 0.0000001,
  "mem_clipping": 0.001,
  "mem_num_samples": 16,
  "gamma": 0.99,
  "dampen_losses": 8
}

""";

    // config/mt/wmt2014_en_m_5k.yaml at 4ad9a29 (newest): parallel nets, "note"
    public const string Wmt2014EnM5k = """
{
  "dataset": "wmt2014-en",
  "save_point": 32,
  # input size and target size
  "input_dim": 171,
  "target_dim": 171,
  # eval on train size (first X of train)
  "train_eval_truncate_size": 5000,
  "eval_interval": 20,
  "wmt_train_truncate_size": 5000,
  "wmt_validation_truncate_size": 100,
  "wmt_curriculum": [2000, 5000],
  "wmt_add_chars_to_curriculum": true,
  # number of actions to retain for training the memory
  "history": 17,
  "settle": 3,
  # name used to load action NN model
  "action_model": "parallelActionNet",
  # training settings for action model (some of which are used for mem model)
  "epochs": 2081,
  "batch_size": 16,
  "eval_batch_size": 256,
  "loss_function": "cross_entropy",
  "action_optimizer": "adam",
  "action_learning_rate": 0.00001,
  "action_clipping": 0.01,
  "action_embedding_dim": 96,
  "action_emb_fn_is_tanh": true,
  "action_chunk_dim": 1024,
  # name used to load mem NN model
  "mem_model": "parallelMemNetNA",
  "mem_num_mem_net": 8,
  "mem_embedding_dim": 96,
  "mem_emb_fn_is_tanh": true,
  "mem_num_intermediate_layers": 0,
  "mem_intermediate_dim": 0,
  # memory size
  "memory_dim": 8192,
  # training settings for the mem model
  "mem_train_iterations": 1,
  "mem_optimizer": "rmsprop",
  "mem_learning_rate": 0.0000001,
  "mem_clipping": 0.001,
  "mem_num_samples": 16,
  "mem_gamma": 0.99,
  "mem_dampen_losses": 8,
  "mem_l1": 2.0,
  "mem_funnel_to_zero_chunk": true,
  "note": "see if the arch scales but with higher lr"
}

""";

    // config/mt/wmt2014_en_m_3k.yaml at 4ad9a29 (newest): embWLmnnNA, mem_num_mem_net 0
    public const string Wmt2014EnM3k = """
{
  "dataset": "wmt2014-en",
  "save_point": 32,
  # input size and target size
  "input_dim": 171,
  "target_dim": 171,
  # eval on train size (first X of train)
  "train_eval_truncate_size": 3000,
  "eval_interval": 20,
  "wmt_train_truncate_size": 3000,
  "wmt_validation_truncate_size": 100,
  "wmt_curriculum": [10, 3000],
  "wmt_add_chars_to_curriculum": true,
  # number of actions to retain for training the memory
  "history": 17,
  "settle": 3,
  # name used to load action NN model
  "action_model": "embdann",
  # training settings for action model (some of which are used for mem model)
  "epochs": 2048,
  "batch_size": 16,
  "eval_batch_size": 256,
  "loss_function": "cross_entropy",
  "action_optimizer": "adam",
  "action_learning_rate": 0.00001,
  "action_clipping": 0.01,
  "action_embedding_dim": 96,
  # name used to load mem NN model
  "mem_model": "embWLmnnNA",
  "mem_num_mem_net": 0,
  "mem_embedding_dim": 96,
  "mem_num_intermediate_layers": 0,
  "mem_intermediate_dim": 0,
  # memory size
  "memory_dim": 2048,
  # training settings for the mem model
  "mem_train_iterations": 1,
  "mem_optimizer": "rmsprop",
  "mem_learning_rate": 0.00000001,
  "mem_clipping": 0.001,
  "mem_num_samples": 16,
  "mem_gamma": 0.99,
  "mem_dampen_losses": 8,
  "mem_l1": 2.0,
  "note": "more data but still 2024 mem"
}

""";

    // config/mt/wmt2014_en_fr_m3.yaml at 05c291a: commented-out keys at column 0, mem_clamp, gamma
    public const string Wmt2014EnFrM3 = """
{
  "dataset": "wmt2014-en-fr",
  "save_point": 32,
  # input size and target size
  "input_dim": 208,
  "target_dim": 208,
  # eval on train size (first X of train)
  "train_eval_truncate_size": 500,
  "wmt_train_truncate_size": 5000,
  "wmt_validation_truncate_size": 50,
  "wmt_curriculum": [1000, 500],
#  "wmt_add_chars_to_curriculum": true,
  # number of actions to retain for training the memory
  "history": 10,
  "settle": 6,
  # name used to load action NN model
  "action_model": "embdann",
  # training settings for action model (some of which are used for mem model)
  "epochs": 1024,
  "batch_size": 16,
  "eval_batch_size": 256,
  "loss_function": "cross_entropy",
  "action_optimizer": "adam",
  "action_learning_rate": 0.00001,
  "action_clipping": 0.01,
  "action_embedding_dim": 96,
  # name used to load mem NN model
  "mem_model": "embmnn",
  "mem_embedding_dim": 96,
  # memory size
  "memory_dim": 1024,
  # training settings for the mem model
  "mem_train_iterations": 1,
  "mem_optimizer": "rmsprop",
  "mem_learning_rate": 0.0000001,
  "mem_clipping": 0.001,
  "mem_num_samples": 8,
  "mem_clamp": 10,
  "gamma": 0.99
}

""";

    // config/logic/logic.yaml at 05c291a: the earliest file, with keys of an older trainer
    public const string Logic = """

     {
         "dataset": "logic",
         # input size and target size
         "input_dim": 10,
         "target_dim": 10,
         # eval on train size (first X of train)
         "train_eval_truncate_size": 100,
         # name used to load action NN model
         "action_model": "flatdann",
         # training settings for action model (some of which are used for mem model)
         "epochs": 16,
         "batch_size": 64,
         # the number of batches used to train the action model followed by the number of batches for mem
         "alternate": [1, 0],
         "loss_function": "cross_entropy",
         "action_optimizer": "adam",
         "action_learning_rate": 0.001,
         "action_clipping": 0.01,
         # number and size of the time dimension
         "time_dim": 1,
         # name used to load mem NN model
         "mem_model": "flatmnn",
         # training settings for the mem model
         "mem_optimizer": "adam",
         "mem_learning_rate": 0.01,
         "mem_clipping": 0.1,
         # number of memories to retain (used when training memories)
         # best if a multiple of the time dimension
         "history": 1,
         # memory size
         "memory_dim": 16,
         # the learning rate for memory updates
         "reinforcement_rate": 0.1,
         # if true then the reinforcement_rate is decayed through time
         "rr_decay": false
     }

""";

    // config/pos/udpos_m3.yaml at 05c291a: a commented-out key with trailing text, mem_clamp
    public const string UdposM3Old = """
{
  "dataset": "udpos",
  # input size and target size
  "input_dim": 300,
  "target_dim": 50,
  # eval on train size (first X of train)
  "train_eval_truncate_size": 1000000,
  # number of actions to retain for training the memory
  "history": 16,
  "settle": 8,
  # name used to load action NN model
  "action_model": "flatdann",
  # training settings for action model (some of which are used for mem model)
#  "epochs": 1024,  CHANGE
  "batch_size": 16,
  "eval_batch_size": 256,
  "loss_function": "cross_entropy",
  "action_optimizer": "adam",
  "action_learning_rate": 0.0001,
  "action_clipping": 0.01,
  # name used to load mem NN model
  "mem_model": "flatmnn",
  # memory size
  "memory_dim": 175,
  # training settings for the mem model
  "mem_train_iterations": 2,
  "mem_optimizer": "rmsprop",
  "mem_learning_rate": 0.00001,
#  "mem_lr_rate_decay": [100, 0.5], REMOVE
  "mem_clipping": 0.001,
  "mem_num_samples": 8,
  "mem_clamp": 10,
  "gamma": 0.99
}

""";

    /// <summary>All of the above, by original path.</summary>
    public static IEnumerable<object[]> All() =>
    [
        ["config/logic/logic_m_best.yaml", LogicMBest],
        ["config/pos/udpos_m_best.yaml", UdposMBest],
        ["config/mt/wmt2014_en_m_best.yaml", Wmt2014EnMBest],
        ["config/mt/wmt2014_en_m_5k.yaml", Wmt2014EnM5k],
        ["config/mt/wmt2014_en_m_3k.yaml", Wmt2014EnM3k],
        ["config/mt/wmt2014_en_fr_m3.yaml", Wmt2014EnFrM3],
        ["config/logic/logic.yaml", Logic],
        ["config/pos/udpos_m3.yaml", UdposM3Old],
    ];
}
