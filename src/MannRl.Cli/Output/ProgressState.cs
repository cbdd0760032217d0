namespace MannRl.Cli.Output;

/// <summary>What a progress display shows at one moment.</summary>
/// <param name="Fraction">Share done in [0, 1], or NaN when unknown (a spinner instead of a bar).</param>
/// <param name="Detail">The figures of the moment (epoch, speed, losses, ...).</param>
internal readonly record struct ProgressState(double Fraction, string Detail);
