using MannRl.Config;

namespace MannRl.Sweeps;

/// <summary>
/// A generous estimate of the memory one run needs, for Slurm's <c>--mem</c>: the runtime, the data, the weights
/// with their gradients, transposed copies and optimizer state, the replay history and the evaluation batch, with
/// headroom. Input and target widths the config leaves to the data are taken as the largest the task uses. A
/// scheduler's limit, not a promise: the reliability work (issue 12) brings a checked estimate; this one should then
/// call it. <c>--sbatch-arg=--mem=...</c> overrides it.
/// </summary>
public static class RunMemoryEstimate
{
    private const long MiB = 1024 * 1024;

    /// <summary>The estimate in MiB, rounded up to 256 MiB.</summary>
    public static long MiBFor(ExperimentConfig c)
    {
        var (input, target, data) = TaskWidths(c);
        long m = c.MemoryDim;
        long parameters = ActionParameters(c, input, target, m) + MemoryParameters(c, input, target, m);
        long floats = 6 * parameters                                          // weights, gradients, Wt, two optimizer moments, checkpoint
            + 4L * (c.History + 2) * c.BatchSize * (m + input + target)     // replay history of memories, inputs, actions
            + 12L * c.EvalBatchSize * (m + input + 2 * Math.Max(input, 96) + target); // evaluation activations
        long bytes = 384 * MiB + data + 4 * floats;
        long total = bytes * 3 / 2;
        return (total + 256 * MiB - 1) / (256 * MiB) * 256;
    }

    private static (long Input, long Target, long DataBytes) TaskWidths(ExperimentConfig c)
    {
        long input = c.InputDim ?? 0, target = c.TargetDim ?? 0;
        switch (c.Dataset)
        {
            case "logic":
                return (input > 0 ? input : 11, target > 0 ? target : 11, 16 * MiB);
            case "udpos":
                string emb = c.PosEmbeddings ?? "glove:";
                long dim = emb.Contains(':') && long.TryParse(emb[(emb.IndexOf(':') + 1)..], out long d) ? d : 300;
                // GloVe files hold 400k words; a learned embedding reads one-hot word ids (about 20k).
                long words = emb.StartsWith("glove", StringComparison.Ordinal) ? 400_000 : 20_000;
                long width = emb.StartsWith("learned", StringComparison.Ordinal) ? dim : Math.Max(input, dim);
                return (width, target > 0 ? target : 50, 256 * MiB + words * dim * 4 * 2);
            default:
                return (input > 0 ? input : 128, target > 0 ? target : 128, 256 * MiB);
        }
    }

    private static long ActionParameters(ExperimentConfig c, long input, long target, long m)
    {
        long e = c.ActionEmbeddingDim ?? 0;
        return c.ActionModel switch
        {
            "embdann" => input * e + 2 * (e + m) * (e + m) + (e + m) * target,
            "parallelActionNet" => input * e + (m / Math.Max(1, c.ActionChunkDim ?? m)) * 2 * (e + (c.ActionChunkDim ?? m)) * (e + (c.ActionChunkDim ?? m))
                + m * target,
            _ => (input + m) * (input + m) + (input + m) * target,
        };
    }

    private static long MemoryParameters(ExperimentConfig c, long input, long target, long m)
    {
        long e = c.MemEmbeddingDim ?? 0;
        long inWidth = (e > 0 ? e : input) + (c.MemModel is "flatmnn" or "embmnn" ? target : 0);
        long layers = (long)c.MemNumIntermediateLayers * c.MemIntermediateDim * (m + inWidth + c.MemIntermediateDim);
        if (c.MemModel == "parallelMemNetNA")
        {
            long k = Math.Max(2, c.MemNumMemNet ?? 2), chunk = m / k;
            return k * (input * e + (2 * chunk + inWidth) * chunk + layers) + m * chunk;
        }
        return input * e + (m + inWidth) * m + layers;
    }
}
