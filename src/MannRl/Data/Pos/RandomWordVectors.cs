using MannRl.Engine;

namespace MannRl.Data.Pos;

/// <summary>
/// A fixed pseudo-random vector per word, for running the udpos task without GloVe. The vector of a word depends on
/// the seed and the word alone (an <see cref="Rng"/> made from the seed, forked by the word), never on the corpus
/// or the order of lookups. Values are normal with mean 0 and standard deviation 1/sqrt(d), so a vector's expected
/// squared length is 1. Every word, even one never seen, has a vector; words differing only in case differ.
/// </summary>
public sealed class RandomWordVectors : IWordVectors
{
    private readonly ulong _seed;
    private readonly Dictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the vectors of width <paramref name="dimension"/> for <paramref name="seed"/>.</summary>
    public RandomWordVectors(int dimension, ulong seed)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), $"random word vectors need a positive width, got {dimension}");
        Dimension = dimension;
        _seed = seed;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public bool CopyTo(string word, Span<float> destination)
    {
        if (destination.Length != Dimension)
            throw new ArgumentException($"destination holds {destination.Length} values, the vectors have {Dimension}");
        if (!_cache.TryGetValue(word, out float[]? v))
        {
            v = new float[Dimension];
            var rng = new Rng(_seed).Fork("word:" + word);
            double scale = 1.0 / Math.Sqrt(Dimension);
            for (int i = 0; i < v.Length; i++) v[i] = (float)(rng.NextNormal() * scale);
            _cache[word] = v;
        }
        v.CopyTo(destination);
        return true;
    }
}
