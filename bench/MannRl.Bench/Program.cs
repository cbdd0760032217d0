using MannRl.Bench;

// Benchmark suites, chosen by the first argument: `dotnet run -c Release --project bench/MannRl.Bench -- gemm`.
// Each suite takes the remaining arguments and returns the process exit code; add a suite with one line here.
var suites = new Dictionary<string, (string Summary, Func<string[], int> Run)>(StringComparer.OrdinalIgnoreCase)
{
    ["fuzz"] = ("mutated configs, data files and checkpoints: accepted, refused with one line, or failed -> docs/benchmarks.md", FuzzBenchmark.Run),
    ["gemm"] = ("matrix-product kernels: GFLOP/s against the single-core FMA peak", GemmBenchmark.Run),
    ["lstm"] = ("the LSTM baseline against PyTorch's LSTM on the logic task, one thread each -> docs/benchmarks.md", LstmBenchmark.Run),
    ["steps"] = ("training steps of the best settings: steps/s, GFLOP/s, profile, memory, the full logic run; quiet and with one CPU busy", StepsBenchmark.Run),
    ["busy"] = ("(internal) keeps one CPU busy for the steps suite's contended scenario: --cpu N --parent PID", BusyProcess.Run),
};

if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
{
    Console.Error.WriteLine(args.Length == 0 ? "no suite given" : $"unknown suite '{args[0]}'");
    Console.Error.WriteLine("usage: MannRl.Bench <suite> [options]; suites:");
    foreach (var (name, (summary, _)) in suites) Console.Error.WriteLine($"  {name,-10} {summary}");
    return 2;
}

return suite.Run(args[1..]);
