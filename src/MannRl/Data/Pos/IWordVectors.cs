namespace MannRl.Data.Pos;

/// <summary>A dense vector per word: the action net's input for the udpos task.</summary>
public interface IWordVectors
{
    /// <summary>The width of every vector.</summary>
    int Dimension { get; }

    /// <summary>
    /// Writes the vector of <paramref name="word"/> into <paramref name="destination"/> (length <see cref="Dimension"/>)
    /// and returns true; for a word without a vector writes zeros and returns false.
    /// </summary>
    bool CopyTo(string word, Span<float> destination);
}
