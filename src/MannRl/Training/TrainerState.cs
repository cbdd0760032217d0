using System.Globalization;
using MannRl.Checkpoints;
using MannRl.Engine;

namespace MannRl.Training;

/// <summary>
/// Everything a trainer needs to continue a run exactly where it stood (issue 12): the nets with their optimizers
/// (<see cref="Parts"/>, saved as the checkpoint <see cref="CheckpointName"/>), every random stream, the learning-rate
/// schedules' position, the replay history, counters, best-so-far and smoothed values, and, for a state taken inside an
/// epoch, the batcher's position and the epoch's running sums. Values are kept as named scalars, float arrays and
/// integer arrays so that a sink can store them without knowing the trainer.
/// </summary>
public sealed class TrainerState
{
    /// <summary>The name of the checkpoint that holds the nets and optimizers of a state.</summary>
    public const string CheckpointName = "state";

    /// <summary>The 0-based epoch to continue: the epochs completed when <see cref="Step"/> is 0.</summary>
    public required int Epoch { get; init; }

    /// <summary>Steps of epoch <see cref="Epoch"/> already done; 0 for a state taken between two epochs.</summary>
    public required int Step { get; init; }

    /// <summary>True when the state follows the run's last epoch: nothing is left to train.</summary>
    public bool Finished(int epochs) => Step == 0 && Epoch >= epochs;

    /// <summary>Named scalars (invariant text; doubles round-trip exactly).</summary>
    public Dictionary<string, string> Values { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Named float arrays (bit-exact).</summary>
    public Dictionary<string, float[]> Floats { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Named integer arrays.</summary>
    public Dictionary<string, int[]> Integers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>When saving: the live nets and their optimizers.</summary>
    public IReadOnlyList<CheckpointPart> Parts { get; init; } = [];

    /// <summary>When loading: the folder holding the checkpoint <see cref="CheckpointName"/> of the nets.</summary>
    public string? PartsDirectory { get; init; }

    /// <summary>Stores a long.</summary>
    public void SetLong(string name, long value) => Values[name] = value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a long.</summary>
    public long GetLong(string name) => long.Parse(Get(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>Stores a double exactly.</summary>
    public void SetDouble(string name, double value) => Values[name] = value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads a double.</summary>
    public double GetDouble(string name) => double.Parse(Get(name), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Stores a random stream's position.</summary>
    public void SetRng(string name, Rng rng) =>
        Values[name] = string.Join(' ', rng.GetState().Select(w => w.ToString("x16", CultureInfo.InvariantCulture)));

    /// <summary>Puts a random stream back at its stored position.</summary>
    public void RestoreRng(string name, Rng rng)
    {
        var words = Get(name).Split(' ');
        try
        {
            rng.SetState(words.Select(w => ulong.Parse(w, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray());
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw Missing($"'{name}' (a valid random state)");
        }
    }

    /// <summary>A named scalar.</summary>
    /// <exception cref="InvalidDataException">The state lacks it.</exception>
    public string Get(string name) => Values.TryGetValue(name, out var v) ? v : throw Missing($"'{name}'");

    /// <summary>A named float array of <paramref name="length"/> values.</summary>
    /// <exception cref="InvalidDataException">The state lacks it or its length differs.</exception>
    public float[] GetFloats(string name, int length) =>
        Floats.TryGetValue(name, out var v) && v.Length == length ? v : throw Missing($"'{name}' of {length} values");

    /// <summary>A named integer array (of <paramref name="length"/> values when given).</summary>
    /// <exception cref="InvalidDataException">The state lacks it or its length differs.</exception>
    public int[] GetIntegers(string name, int? length = null) =>
        Integers.TryGetValue(name, out var v) && (length is null || v.Length == length) ? v : throw Missing($"'{name}'" + (length is { } n ? $" of {n} values" : ""));

    /// <summary>Loads the state's nets and optimizers into <paramref name="parts"/>.</summary>
    public void LoadParts(IReadOnlyList<CheckpointPart> parts)
    {
        if (PartsDirectory is null) throw new InvalidOperationException("this state was not loaded from a run directory");
        Checkpoint.Load(PartsDirectory, CheckpointName, parts);
    }

    private static InvalidDataException Missing(string what) =>
        new($"the run's resume state lacks {what}: it was written by another version of mannrl or for another config; start the run over in a new RUNDIR");
}
