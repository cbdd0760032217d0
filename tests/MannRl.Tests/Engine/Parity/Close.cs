using Xunit.Sdk;

namespace MannRl.Tests.Engine.Parity;

/// <summary>
/// The parity tolerance: a value matches PyTorch when it is within <see cref="Absolute"/> of the expected value
/// or within <see cref="Relative"/> of its magnitude. Tight enough that a wrong formula, a missing term or a
/// wrong order of operations on these small problems fails.
/// </summary>
public static class Close
{
    /// <summary>Absolute tolerance.</summary>
    public const double Absolute = 1e-5;

    /// <summary>Relative tolerance.</summary>
    public const double Relative = 1e-4;

    /// <summary>True when <paramref name="actual"/> matches <paramref name="expected"/> within the tolerance.</summary>
    public static bool IsClose(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return false;
        double diff = Math.Abs(actual - expected);
        return diff <= Absolute || diff <= Relative * Math.Abs(expected);
    }

    /// <summary>Fails unless the scalars match.</summary>
    public static void Assert(double expected, double actual, string what)
    {
        if (!IsClose(expected, actual))
            throw new XunitException($"{what}: expected {expected:R}, got {actual:R} (diff {Math.Abs(actual - expected):E2})");
    }

    /// <summary>Fails unless both have the same length and every element matches; reports the worst element.</summary>
    public static void Assert(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        if (expected.Length != actual.Length)
            throw new XunitException($"{what}: expected {expected.Length} values, got {actual.Length}");
        int bad = 0, worst = -1;
        double worstDiff = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            if (IsClose(expected[i], actual[i])) continue;
            bad++;
            double d = double.IsNaN(actual[i]) ? double.PositiveInfinity : Math.Abs(actual[i] - expected[i]);
            if (d > worstDiff) { worstDiff = d; worst = i; }
        }
        if (bad > 0)
            throw new XunitException(
                $"{what}: {bad} of {expected.Length} values differ; worst [{worst}] expected {expected[worst]:R}, got {actual[worst]:R} (diff {worstDiff:E2})");
    }

    /// <summary>Matrix form.</summary>
    public static void Assert(FixtureTensor expected, MannRl.Engine.Matrix actual, string what)
    {
        if (expected.Shape.Length == 2 && (expected.Rows != actual.Rows || expected.Cols != actual.Cols))
            throw new XunitException($"{what}: expected shape {expected.Rows}x{expected.Cols}, got {actual.Rows}x{actual.Cols}");
        Assert(expected.Data, actual.ToArray(), what);
    }
}
