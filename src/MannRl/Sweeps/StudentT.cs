namespace MannRl.Sweeps;

/// <summary>The 0.975 quantile of Student's t distribution, for two-sided 95% intervals.</summary>
public static class StudentT
{
    // t(0.975, df) for df = 1..30 (standard tables, 8 significant digits).
    private static readonly double[] Table =
    [
        12.706205, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572, 2.2281389,
        2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098156, 2.1009220, 2.0930241, 2.0859634,
        2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305, 2.0484071, 2.0452296, 2.0422725,
    ];

    /// <summary>t(0.975, <paramref name="degreesOfFreedom"/>): the table up to 30, then the Cornish-Fisher expansion
    /// around the normal quantile (within 1e-4 from there on).</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= Table.Length) return Table[degreesOfFreedom - 1];
        const double Z = 1.959963984540054;
        double v = degreesOfFreedom, z3 = Z * Z * Z, z5 = z3 * Z * Z, z7 = z5 * Z * Z;
        return Z + (z3 + Z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * Z) / (96 * v * v) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * Z) / (384 * v * v * v);
    }
}
