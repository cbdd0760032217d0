namespace MannRl.Reports.Memory;

/// <summary>
/// Which memory units a heatmap shows. Up to <see cref="MaxUnits"/> units: all of them. Wider memories (the
/// sentence task's 8,192): the <see cref="MaxUnits"/> units whose value varies most over the shown steps (largest
/// standard deviation; ties to the lower unit), drawn in unit order, so the picture shows what changes and says so.
/// </summary>
public static class UnitSelection
{
    /// <summary>The most rows a memory heatmap draws.</summary>
    public const int MaxUnits = 256;

    /// <summary>The units to draw, ascending.</summary>
    public static int[] Choose(MemoryTrace trace, int steps)
    {
        int units = trace.Units;
        if (units <= MaxUnits) return Enumerable.Range(0, units).ToArray();
        var spread = new double[units];
        for (int u = 0; u < units; u++)
        {
            double sum = 0, sumSq = 0;
            for (int t = 0; t < steps; t++)
            {
                double v = trace.Memory[t * units + u];
                sum += v;
                sumSq += v * v;
            }
            double mean = sum / steps;
            spread[u] = Math.Max(0, sumSq / steps - mean * mean);
        }
        return Enumerable.Range(0, units).OrderByDescending(u => spread[u]).ThenBy(u => u).Take(MaxUnits).Order().ToArray();
    }

    /// <summary>The rule, for captions.</summary>
    public static string Describe(int units) => units <= MaxUnits
        ? $"all {units} memory units"
        : $"the {MaxUnits} of {units} memory units that vary most over these steps (largest standard deviation), in unit order";
}
