using MannRl.Data.Pos;

namespace MannRl.Tests.Data.Pos;

public class RandomWordVectorsTests
{
    private static float[] Get(IWordVectors v, string word)
    {
        var x = new float[v.Dimension];
        Assert.True(v.CopyTo(word, x));
        return x;
    }

    [Fact]
    public void Vectors_depend_on_seed_and_word_only()
    {
        var a = new RandomWordVectors(16, seed: 13);
        var b = new RandomWordVectors(16, seed: 13);
        // Different lookup orders, different instances: same vectors.
        float[] aDog = Get(a, "dog"), aCat = Get(a, "cat");
        float[] bCat = Get(b, "cat"), bDog = Get(b, "dog");
        Assert.Equal(aDog, bDog);
        Assert.Equal(aCat, bCat);
        Assert.Equal(aDog, Get(a, "dog"));
        Assert.NotEqual(aDog, aCat);
        Assert.NotEqual(aDog, Get(a, "Dog"));
        Assert.NotEqual(aDog, Get(new RandomWordVectors(16, seed: 14), "dog"));
    }

    [Fact]
    public void Values_have_mean_zero_and_glove_like_spread()
    {
        const int d = 64, words = 500;
        var v = new RandomWordVectors(d, seed: 1);
        double sum = 0, sumSq = 0;
        for (int w = 0; w < words; w++)
            foreach (float x in Get(v, "w" + w)) { sum += x; sumSq += x * x; }
        int n = d * words;
        double variance = RandomWordVectors.ComponentStdDev * RandomWordVectors.ComponentStdDev;
        Assert.Equal(0.16, variance, 12);
        Assert.InRange(sum / n, -0.01, 0.01);                      // sd of the mean: 0.4/sqrt(32000) = 0.0022
        Assert.InRange(sumSq / n / variance, 0.95, 1.05);          // sd of the variance ratio: sqrt(2/32000) = 0.008
    }

    [Fact]
    public void Rejects_bad_width_and_destination()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomWordVectors(0, 1));
        Assert.Throws<ArgumentException>(() => new RandomWordVectors(4, 1).CopyTo("a", new float[3]));
    }
}
