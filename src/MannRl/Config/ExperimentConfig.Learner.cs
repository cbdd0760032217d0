namespace MannRl.Config;

public sealed partial record ExperimentConfig
{
    // ---- learner ----------------------------------------------------------------------------------------------

    /// <summary><c>model</c> (new): the learner, mann-rl (the original), lstm (the LSTM baseline), no-memory (the action net
    /// with its memory input fixed at zero) or frozen-memory (the memory-net never trained). Default: mann-rl.</summary>
    public string Model { get; set; } = "mann-rl";

    /// <summary><c>lstm_hidden_dim</c> (new, lstm): hidden and cell width of every LSTM layer. Default: 48.</summary>
    public int LstmHiddenDim { get; set; } = 48;

    /// <summary><c>lstm_layers</c> (new, lstm): stacked LSTM layers. Default: 1.</summary>
    public int LstmLayers { get; set; } = 1;

    /// <summary><c>lstm_bptt_truncate</c> (new, lstm): k &gt; 0 stops the gradient between steps every k steps
    /// (truncated backpropagation through time; one update per batch still); 0 = through whole sequences. Default: 0.</summary>
    public int LstmBpttTruncate { get; set; }

    /// <summary><c>model</c>, parsed.</summary>
    public LearnerKind ModelKind => Choice<LearnerKind>("model", Model);

    private void CheckLearner()
    {
        AtLeast("lstm_hidden_dim", LstmHiddenDim, 1);
        AtLeast("lstm_layers", LstmLayers, 1);
        AtLeast("lstm_bptt_truncate", LstmBpttTruncate, 0, "0 backpropagates through whole sequences");
        if (ModelKind == LearnerKind.Lstm && PosEmbeddingsSpec is { Kind: PosEmbeddingKind.Learned })
            throw Error("pos_embeddings", "learned:DIM does not work with model lstm (its batches of whole sentences would hold a one-hot row "
                + "of the whole vocabulary per word); use random:DIM or glove:PATH");
    }
}
