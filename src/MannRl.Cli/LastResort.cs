namespace MannRl.Cli;

/// <summary>
/// The handler of last resort: an exception no command turned into a message (a bug, or a failure nobody foresaw)
/// becomes one line on stderr and exit code 1, not a stack trace. The stack trace is printed with <c>--verbose</c> or
/// with the environment variable <c>MANNRL_VERBOSE=1</c>, for the report.
/// </summary>
public static class LastResort
{
    /// <summary>The option that asks for stack traces.</summary>
    public const string VerboseOption = "--verbose";

    /// <summary>The environment variable that asks for stack traces when set to 1 (or true).</summary>
    public const string VerboseVariable = "MANNRL_VERBOSE";

    /// <summary>Runs <paramref name="main"/> on <paramref name="args"/>, turning any exception that escapes it into one line and exit code 1.</summary>
    public static int Run(string[] args, Func<string[], int> main)
    {
        bool verbose = IsVerbose(args);
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            // A helper thread's exception ends the process whatever happens here; say why in one line first.
            Report(e.ExceptionObject as Exception, verbose);
            Console.Error.Flush();
            Environment.Exit(ExitCodes.Failure);
        };
        try
        {
            return main(args);
        }
        catch (Exception e)
        {
            Report(e, verbose);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Whether stack traces were asked for, by <see cref="VerboseOption"/> or <see cref="VerboseVariable"/>.</summary>
    public static bool IsVerbose(string[] args) =>
        args.Contains(VerboseOption)
        || Environment.GetEnvironmentVariable(VerboseVariable) is "1" or "true" or "TRUE" or "True";

    /// <summary>
    /// The one line for an exception no command handled. A type initializer's failure is named by its cause: the
    /// wrapper's own message ("The type initializer for ... threw an exception") says nothing.
    /// </summary>
    public static string Message(Exception? e) => e switch
    {
        TypeInitializationException { InnerException: { } cause } => Message(cause),
        OutOfMemoryException =>
            "error: out of memory; lower batch_size, eval_batch_size, history or memory_dim (or predict --batch-size), or run on a machine with more memory",
        IOException io when IsDiskFull(io) =>
            $"error: the disk is full ({io.Message.Trim()}); free space there or write the run elsewhere, then run the command again",
        _ => $"error: {OneLine(e?.Message ?? "unknown failure")} ({e?.GetType().Name ?? "no exception"}). This is a bug in mannrl: please report it "
            + $"to the mannrl developers with the command you ran and the output of the same command with {VerboseOption}",
    };

    /// <summary>Whether <paramref name="e"/> says the disk (or the quota) is full: ENOSPC or EDQUOT on Unix, ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on Windows.</summary>
    public static bool IsDiskFull(IOException e) => e.HResult is 28 or 122 or unchecked((int)0x80070070) or unchecked((int)0x80070027);

    private static void Report(Exception? e, bool verbose)
    {
        Console.Error.WriteLine(Message(e));
        if (verbose && e is not null) Console.Error.WriteLine(e.ToString());
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
