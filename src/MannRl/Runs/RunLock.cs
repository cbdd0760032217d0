namespace MannRl.Runs;

/// <summary>
/// The lock a process holds on a run directory while it writes the run: <c>RUNDIR/.lock</c> opened without sharing,
/// which on Linux is an exclusive <c>flock</c> that the kernel releases when the process ends, however it ends (a
/// lock file left by a killed run locks nothing). Two starts into one directory at the same moment: one gets the lock.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;
    private bool _released;

    private RunLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock of the existing folder <paramref name="directory"/>.</summary>
    /// <exception cref="RunDirectoryException">Another process (or another start in this one) holds it.</exception>
    public static RunLock Acquire(string directory)
    {
        string path = System.IO.Path.Combine(directory, RunFiles.Lock);
        // A holder that is done unlinks the file before it lets go: a lock won on that unlinked file guards nothing,
        // so it is taken again on the file now at the path.
        for (int attempt = 0; ; attempt++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e.GetType() == typeof(IOException) && File.Exists(path))
            {
                // The file is there and could not be opened unshared: .NET's sharing violation (a plain IOException).
                throw new RunDirectoryException($"run directory '{directory}' is in use by another mannrl run; wait for it to end or choose another RUNDIR");
            }
            if (File.Exists(path)) return new RunLock(path, stream);
            stream.Dispose();
            if (attempt == 3 || !Directory.Exists(directory))
                throw new RunDirectoryException($"run directory '{directory}' changed while another mannrl run started or ended in it; choose another RUNDIR or try again");
        }
    }

    /// <summary>Removes the lock file, then releases the lock (once: the path may hold the next run's lock afterwards).</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        try
        {
            File.Delete(Path);
        }
        finally
        {
            _stream.Dispose();
        }
    }
}
