using System.Text.Json;
using System.Text.Json.Serialization;
using MannRl.IO;

namespace MannRl.Sweeps;

/// <summary>
/// The runs' records and locks in <c>OUTDIR/state/</c>. The process training a run holds <c>INDEX.lock</c> locked
/// (an advisory file lock that the system releases when the process dies, however it dies), so "running" is
/// "the lock is held" and a record saying running with a free lock is an interrupted run.
/// </summary>
public sealed class RunStateStore
{
    private static readonly JsonSerializerOptions Json = new(SweepManifest.Json)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>A store for the sweep in <paramref name="sweepDirectory"/>.</summary>
    public RunStateStore(string sweepDirectory) => Folder = Path.Combine(Path.GetFullPath(sweepDirectory), "state");

    /// <summary>The <c>OUTDIR/state</c> folder.</summary>
    public string Folder { get; }

    /// <summary>The run's record, or null when it never started.</summary>
    public RunRecord? Read(int index)
    {
        string path = RecordPath(index);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid run record ({e.Message}); delete it to run the run again");
        }
    }

    /// <summary>Replaces the run's record atomically.</summary>
    public void Write(int index, RunRecord record) =>
        AtomicFile.WriteText(RecordPath(index), JsonSerializer.Serialize(record, Json) + "\n");

    /// <summary>Takes the run's lock, waiting up to <paramref name="wait"/> for a moment's holder (a status probe);
    /// null when another process holds it.</summary>
    public IDisposable? TryLock(int index, TimeSpan wait)
    {
        Directory.CreateDirectory(Folder);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(LockPath(index), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>True when a process holds the run's lock now.</summary>
    public bool IsLocked(int index)
    {
        try
        {
            using var probe = new FileStream(LockPath(index), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private string RecordPath(int index) => Path.Combine(Folder, $"{index}.json");

    private string LockPath(int index) => Path.Combine(Folder, $"{index}.lock");
}
