using System.Diagnostics;
using System.Globalization;
using MannRl.Fuzzing;

namespace MannRl.Bench;

/// <summary>
/// The long fuzz run of issue 12 (the suite runs 300 cases): <c>fuzz [--cases N] [--seed S] [--out FILE]</c> runs the
/// test project's fuzzer (its files are linked into this project) and writes the counts per input as a Markdown table
/// (default <c>fuzz-counts.md</c>). Exit code 1 when a case failed.
/// </summary>
public static class FuzzBenchmark
{
    public static int Run(string[] args)
    {
        int cases = 2000, seed = 12;
        string output = "fuzz-counts.md";
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--cases": cases = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--out": output = args[i + 1]; break;
                default: Console.Error.WriteLine($"unknown option '{args[i]}': use --cases N, --seed S, --out FILE"); return 2;
            }
        }
        string root = Directory.CreateTempSubdirectory("mannrl-fuzz-bench-").FullName;
        try
        {
            string configs = Path.Combine(RepoRoot(), "configs");
            var texts = Directory.EnumerateFiles(configs, "*.yaml", SearchOption.AllDirectories).Order().Select(File.ReadAllText).ToArray();
            var clock = Stopwatch.StartNew();
            string caseRoot = Path.Combine(root, "cases");
            Directory.CreateDirectory(caseRoot);
            var counts = new FuzzRunner(FuzzTargets.All(texts), caseRoot, TimeSpan.FromSeconds(60)).Run(cases, seed);
            string table = FuzzRunner.Table(counts);
            string report = $"{cases} cases, seed {seed}, {clock.Elapsed.TotalSeconds:F0} s\n\n{table}";
            foreach (var f in counts.SelectMany(c => c.Failures)) report += $"\nFAILURE {f}\n";
            File.WriteAllText(output, report);
            Console.WriteLine(report);
            return counts.Any(c => c.Failures.Count > 0) ? 1 : 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MannRl.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("run from inside the repository (no MannRl.slnx above the bench binaries)");
    }
}
