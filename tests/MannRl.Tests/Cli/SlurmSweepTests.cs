using System.Diagnostics;
using MannRl.Sweeps;

namespace MannRl.Tests.Cli;

/// <summary>
/// <c>mannrl sweep --backend slurm</c> on a real cluster: the one-node cluster of <c>tools/slurm/local-cluster.sh</c>
/// (started by <c>.ci/run</c>, with SLURM_CONF exported), a job array of tiny logic runs, then the aggregated report.
/// </summary>
public sealed class SlurmSweepTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mannrl-slurm-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>sbatch on PATH and a controller that answers.</summary>
    private static bool ClusterAnswers()
    {
        if (!ExternalCommand.OnPath("sbatch") || !ExternalCommand.OnPath("sinfo")) return false;
        try
        {
            return ExternalCommand.Run("sinfo", ["--noheader", "--format=%t"], TimeSpan.FromSeconds(20)) is { ExitCode: 0 } r && r.Out.Trim().Length > 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    [SkippableFact]
    public void ASweepRunsAsAJobArrayAndIsReported()
    {
        Requires.Need(ClusterAnswers(), "MANNRL_REQUIRE_SLURM",
            "needs a Slurm cluster (sbatch on PATH, sinfo answering): sudo tools/slurm/local-cluster.sh start, then eval \"$(tools/slurm/local-cluster.sh env)\"");
        File.WriteAllText(Path.Combine(_root, "tiny.yaml"), LocalSweepTests.TinySweep);
        var submit = CliRunner.Run(_root, "sweep", "tiny.yaml", "out", "--backend", "slurm", "--data-dir", "data", "--threads", "1",
            "--max-parallel", "2", "--time", "10:00");
        Assert.True(submit.ExitCode == 0, submit.Err + submit.Out);
        Assert.Contains("submitted job array", submit.Out);
        string outDir = Path.Combine(_root, "out");
        string script = File.ReadAllText(Path.Combine(outDir, "slurm", "submit-1.sbatch"));
        Assert.Contains("#SBATCH --array=0-3%2", script);

        var clock = Stopwatch.StartNew();
        CliRunner.Result status;
        while (true)
        {
            status = CliRunner.Run(_root, "sweep", "status", "out");
            if (status.Out.Contains("4 runs: 4 done", StringComparison.Ordinal) || status.Out.Contains("failed", StringComparison.Ordinal)) break;
            if (clock.Elapsed > TestTimeouts.Hang) break;
            Thread.Sleep(2000);
        }
        string outputs = string.Join("\n", Directory.GetFiles(Path.Combine(outDir, "slurm"), "*.out").Select(f => $"== {f}\n{File.ReadAllText(f)}"));
        Assert.True(status.Out.Contains("4 runs: 4 done", StringComparison.Ordinal), $"status after {clock.Elapsed}:\n{status.Out}{status.Err}\n{outputs}");
        Assert.Equal(4, Directory.GetFiles(Path.Combine(outDir, "slurm"), "*.out").Length);
        var record = new RunStateStore(outDir).Read(0)!;
        Assert.NotNull(record.SlurmJob);
        Assert.EndsWith("_0", record.SlurmJob);

        var report = CliRunner.Run(_root, "report", "out");
        Assert.True(report.ExitCode == 0, report.Err);
        var summary = File.ReadAllLines(Path.Combine(outDir, "report", "summary.csv"));
        Assert.Contains(summary, l => l.StartsWith("use_swish=true,validation,weighted_f1,2,", StringComparison.Ordinal));
        Assert.Contains(summary, l => l.StartsWith("use_swish=false,validation,weighted_f1,2,", StringComparison.Ordinal));

        var again = CliRunner.Run(_root, "sweep", "tiny.yaml", "out", "--backend", "slurm", "--data-dir", "data");
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Contains("nothing to submit", again.Out);
    }
}
