using System.CommandLine;
using MannRl.Cli.Commands;
using MannRl.Cli.Output;

namespace MannRl.Cli;

/// <summary>The <c>mannrl</c> command: train, evaluate, predict, baselines and data fetching.</summary>
public static class Program
{
    /// <summary>Entry point; exit code 0 on success, 2 for usage or config errors, 1 for runtime failures.</summary>
    public static int Main(string[] args) => LastResort.Run(args, Execute);

    private static int Execute(string[] args)
    {
        var root = new RootCommand("MANN-RL: memory-augmented neural networks whose memory-net learns by reinforcement learning what to remember.");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ResumeCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(BaselineCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(ConfigsCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "No progress display and no echo of the run's log: warnings, errors and results only.",
            Recursive = true,
        };
        root.Options.Add(quiet);
        root.Options.Add(new Option<bool>(LastResort.VerboseOption)
        {
            Description = $"Print the stack trace of an unexpected failure, for a bug report (or set {LastResort.VerboseVariable}=1).",
            Recursive = true,
        });
        OptionalArgumentsHelp.Install(root);
        var parsed = root.Parse(args);
        if (ParseProblems.Report(parsed, Console.Error)) return ExitCodes.Usage;
        ConsoleOutput.Configure(parsed.GetValue(quiet));
        return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }); // LastResort reports instead
    }
}
