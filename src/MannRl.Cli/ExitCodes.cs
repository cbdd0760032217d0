using MannRl.Config;
using MannRl.Runs;
using MannRl.Training;

namespace MannRl.Cli;

/// <summary>Exit codes and the one place where failures become one-line messages.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure (data, checkpoint, divergence, I/O).</summary>
    public const int Failure = 1;

    /// <summary>A usage or configuration error.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by SIGINT or SIGTERM before the end (128 + SIGINT).</summary>
    public const int Stopped = 130;

    /// <summary>Runs <paramref name="body"/>, turning known failures into one line on stderr and an exit code.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Usage;
        }
        catch (Exception e) when (e is UsageException or RunDirectoryException or MannRl.Sweeps.SweepException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Usage;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException
                                       or TrainingDivergedException or HttpRequestException)
        {
            Console.Error.WriteLine($"error: {Describe(e)}");
            return Failure;
        }
        catch (OutOfMemoryException e)
        {
            Console.Error.WriteLine(LastResort.Message(e));
            return Failure;
        }
    }

    /// <summary>The message of a runtime failure, with the fix where .NET's own message has none.</summary>
    public static string Describe(Exception e) => e switch
    {
        IOException io when LastResort.IsDiskFull(io) => LastResort.Message(io)["error: ".Length..],
        UnauthorizedAccessException => $"{e.Message} Check that path's permissions (or pass a directory you can write, e.g. a new RUNDIR).",
        DirectoryNotFoundException or FileNotFoundException => $"{e.Message} Check the path.",
        _ => e.Message,
    };
}

/// <summary>A command-line usage error (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
