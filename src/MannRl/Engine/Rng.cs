namespace MannRl.Engine;

/// <summary>
/// The one seeded random source (xoshiro256**, seeded through SplitMix64): initialisation, shuffles and
/// samples all draw from instances made from the run's seed, so a seed fixes every number.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from a seed.</summary>
    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    /// <summary>The generator's whole state (four words), to save and later continue the same stream (<see cref="SetState"/>).</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3];

    /// <summary>Continues the stream from a state <see cref="GetState"/> returned.</summary>
    /// <exception cref="ArgumentException">The state is not four words, or all zero (a state xoshiro never reaches).</exception>
    public void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4) throw new ArgumentException($"a generator state is 4 words, got {state.Length}", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0) throw new ArgumentException("an all-zero generator state is invalid", nameof(state));
        _s0 = state[0]; _s1 = state[1]; _s2 = state[2]; _s3 = state[3];
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A derived, independent generator for a named purpose (e.g. "init", "shuffle").</summary>
    public Rng Fork(string purpose)
    {
        ulong h = 1469598103934665603UL;
        foreach (char c in purpose) { h ^= c; h *= 1099511628211UL; }
        return new Rng(NextUInt64() ^ h);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform float in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public float Uniform(float low, float high) => (float)(low + (high - low) * NextDouble());

    /// <summary>Uniform integer in [0, <paramref name="n"/>), unbiased.</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"n must be positive, got {n}");
        ulong bound = (ulong)n;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            if (r >= threshold) return (int)(r % bound);
        }
    }

    /// <summary>Uniform integer in [<paramref name="low"/>, <paramref name="high"/>] (both inclusive).</summary>
    public int NextInt(int low, int high) => low + NextInt(high - low + 1);

    /// <summary>True with probability one half.</summary>
    public bool NextBool() => (NextUInt64() >> 63) != 0;

    /// <summary>Standard normal (Box-Muller).</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with distinct integers drawn uniformly from [low, high].
    /// </summary>
    public void SampleDistinct(int low, int high, Span<int> destination)
    {
        int n = high - low + 1;
        if (destination.Length > n) throw new ArgumentException($"cannot draw {destination.Length} distinct values from {n}");
        for (int i = 0; i < destination.Length; i++)
        {
            int v;
            bool seen;
            do
            {
                v = low + NextInt(n);
                seen = false;
                for (int j = 0; j < i; j++) if (destination[j] == v) { seen = true; break; }
            } while (seen);
            destination[i] = v;
        }
    }
}
