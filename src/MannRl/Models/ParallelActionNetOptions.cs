namespace MannRl.Models;

/// <summary>The shape of a <see cref="ParallelActionNet"/>; memory and chunk widths are powers of two.</summary>
public sealed record ParallelActionNetOptions
{
    /// <summary>Input width I.</summary>
    public required int InputDim { get; init; }

    /// <summary>Width E of each first-layer sub-net's input embedding (at least 1).</summary>
    public required int EmbeddingDim { get; init; }

    /// <summary>Memory width M.</summary>
    public required int MemoryDim { get; init; }

    /// <summary>Chunk width C: each sub-net maps 2C features to C.</summary>
    public required int ChunkDim { get; init; }

    /// <summary>Number of target classes T.</summary>
    public required int TargetDim { get; init; }

    /// <summary>Tanh instead of ReLU in the sub-nets.</summary>
    public bool ActivationIsTanh { get; init; }

    /// <summary>Tanh instead of ReLU after the embedding.</summary>
    public bool EmbeddingActivationIsTanh { get; init; }
}
