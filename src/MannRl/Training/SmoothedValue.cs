namespace MannRl.Training;

/// <summary>
/// The mean of the last <see cref="Window"/> values added (the original's smoothed F1 over 7 evaluations), to
/// notice long-term changes through noisy evaluations.
/// </summary>
public sealed class SmoothedValue
{
    /// <summary>The original's window.</summary>
    public const int DefaultWindow = 7;

    private readonly Queue<double> _values = new();
    private double _sum;

    /// <summary>Creates an empty window of <paramref name="window"/> values.</summary>
    public SmoothedValue(int window = DefaultWindow)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), $"the window must hold at least one value, got {window}");
        Window = window;
    }

    /// <summary>Most values averaged.</summary>
    public int Window { get; }

    /// <summary>Values currently averaged (at most <see cref="Window"/>).</summary>
    public int Count => _values.Count;

    /// <summary>Mean of the values in the window; NaN before the first value.</summary>
    public double Mean => _values.Count == 0 ? double.NaN : _sum / _values.Count;

    /// <summary>The values in the window, oldest first, and their running sum (kept as it was added up, for an exact restore).</summary>
    public (double[] Values, double Sum) GetState() => (_values.ToArray(), _sum);

    /// <summary>Restores a window <see cref="GetState"/> returned.</summary>
    public void SetState(IReadOnlyList<double> values, double sum)
    {
        if (values.Count > Window) throw new ArgumentException($"{values.Count} values do not fit a window of {Window}", nameof(values));
        _values.Clear();
        foreach (double v in values) _values.Enqueue(v);
        _sum = sum;
    }

    /// <summary>Adds a value, dropping the oldest when the window is full.</summary>
    public void Add(double value)
    {
        _values.Enqueue(value);
        _sum += value;
        if (_values.Count > Window) _sum -= _values.Dequeue();
    }
}
