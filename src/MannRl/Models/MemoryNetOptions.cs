namespace MannRl.Models;

/// <summary>
/// The shape of a memory-net: a <see cref="DenseMemoryNet"/>, or each sub-net of a <see cref="ParallelMemoryNet"/>.
/// Zero means "none" for the action, the embedding and the intermediate layers (<c>flatmnnNA</c>).
/// </summary>
public sealed record MemoryNetOptions
{
    /// <summary>Input width I.</summary>
    public required int InputDim { get; init; }

    /// <summary>Memory width M (the whole memory, also for a parallel net's sub-nets).</summary>
    public required int MemoryDim { get; init; }

    /// <summary>Action width T read with the memory; 0 for the NA variants.</summary>
    public int ActionDim { get; init; }

    /// <summary>Input embedding width E; 0 reads the input as it is.</summary>
    public int EmbeddingDim { get; init; }

    /// <summary>Number of dense-skip intermediate layers.</summary>
    public int IntermediateLayers { get; init; }

    /// <summary>Width K of the intermediate layers.</summary>
    public int IntermediateDim { get; init; }

    /// <summary>Tanh instead of ReLU in the intermediate layers.</summary>
    public bool ActivationIsTanh { get; init; }

    /// <summary>Tanh instead of ReLU after the embedding.</summary>
    public bool EmbeddingActivationIsTanh { get; init; }
}
