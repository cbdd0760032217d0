using MannRl.Fuzzing;
using Xunit.Abstractions;

namespace MannRl.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of every input a user hands the tool (issue 12): a few hundred mutated configs, logic data files,
/// CoNLL-U files, sentence files and checkpoints must each load and train, or be refused with one line, within a time
/// limit and without writing outside their folder. The longer run is <c>MannRl.Bench fuzz</c>.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mannrl-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static IReadOnlyList<string> ShippedConfigs() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "configs"), "*.yaml", SearchOption.AllDirectories).Order().Select(File.ReadAllText).ToArray();

    [Fact]
    public void MutatedInputsLoadOrAreRefusedWithOneLine()
    {
        var cases = Path.Combine(_root, "cases");
        Directory.CreateDirectory(cases);
        var runner = new FuzzRunner(FuzzTargets.All(ShippedConfigs()), cases, TestTimeouts.Hang);
        var counts = runner.Run(cases: 300, seed: 12);
        output.WriteLine(FuzzRunner.Table(counts));
        foreach (var c in counts)
            foreach (var (message, n) in c.Messages.OrderByDescending(m => m.Value).Take(6)) output.WriteLine($"{c.Target} x{n}: {message}");
        var failures = counts.SelectMany(c => c.Failures).ToArray();
        Assert.True(failures.Length == 0, string.Join("\n\n", failures));
        Assert.All(counts, c => Assert.True(c.Rejected > 0, $"{c.Target}: no mutation was refused; the mutations are too weak"));
    }

    [Fact]
    public void MutationsAreSeeded()
    {
        byte[] input = "{ \"history\": 12,\n \"memory_dim\": 48 }\n"u8.ToArray();
        var a = Mutator.Mutate(input, new Random(3), out string how);
        var b = Mutator.Mutate(input, new Random(3), out string again);
        Assert.Equal(a, b);
        Assert.Equal(how, again);
    }
}
