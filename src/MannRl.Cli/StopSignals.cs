using System.Runtime.InteropServices;

namespace MannRl.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM while a run trains: the first asks the run to stop at the next step boundary (it writes
/// its resume state, then the command prints how to resume and exits 128 + the signal: 130 or 143); a second one exits
/// at once with that code. Disposed, the signals act as before.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt, _terminate;
    private readonly string _message;
    private int _received;

    private StopSignals(string message)
    {
        _message = message;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Starts listening; <paramref name="message"/> is printed at the first signal.</summary>
    public static StopSignals Listen(string message = "stopping after this step... (again to quit at once)") => new(message);

    /// <summary>Signalled at the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The exit code for the first signal received: 130 (SIGINT) or 143 (SIGTERM); 0 before any.</summary>
    public int ExitCode => Volatile.Read(ref _received);

    /// <summary>True once a signal asked the run to stop.</summary>
    public bool Stopped => ExitCode != 0;

    private void OnSignal(PosixSignalContext context)
    {
        // PosixSignal's values are the runtime's own (negative) ids: the exit code uses the real signal numbers.
        int code = context.Signal == PosixSignal.SIGINT ? 128 + 2 : 128 + 15;
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _received, code, 0) != 0)
        {
            Console.Error.WriteLine("stopped at once; the run resumes from its last saved state");
            Environment.Exit(Volatile.Read(ref _received));
        }
        Console.Error.WriteLine(_message);
        _stop.Cancel();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }
}
