using MannRl.Config;
using MannRl.Sweeps;

namespace MannRl.Tests.Sweeps;

public sealed class SlurmBatchScriptTests
{
    private static readonly MannrlCommand Mannrl = new("/opt/dotnet/dotnet", ["/opt/mannrl/mannrl.dll"], null);

    [Fact]
    public void TheArrayListsRangesAndCapsParallelTasks()
    {
        Assert.Equal("0-4", SlurmBatchScript.ArraySpec([0, 1, 2, 3, 4]));
        Assert.Equal("1,3-5,9", SlurmBatchScript.ArraySpec([9, 5, 4, 3, 1]));
        string script = SlurmBatchScript.Text("/work/out", [0, 1, 2, 3], new SlurmOptions(2, 1536, "short", "1:00:00", 2, []), Mannrl);
        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Contains("#SBATCH --array=0-3%2\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", script);
        Assert.Contains("#SBATCH --mem=1536M\n", script);
        Assert.Contains("#SBATCH --time=1:00:00\n", script);
        Assert.Contains("#SBATCH --partition=short\n", script);
        Assert.Contains("#SBATCH --output=/work/out/slurm/%A_%a.out\n", script);
        Assert.Contains("#SBATCH --requeue\n", script);
        Assert.Contains("exec '/opt/dotnet/dotnet' '/opt/mannrl/mannrl.dll' 'sweep' 'run' '/work/out' --index \"$SLURM_ARRAY_TASK_ID\"", script);
        Assert.Contains("if [ ! -e '/opt/mannrl/mannrl.dll' ]", script);
    }

    [Fact]
    public void AnExtraArgumentReplacesMannrlsOwnOption()
    {
        string script = SlurmBatchScript.Text("/o", [0], new SlurmOptions(1, 1024, null, null, null, ["--mem=16G", "--qos=long", "-p gpu"]), Mannrl);
        Assert.DoesNotContain("--mem=1024M", script);
        Assert.Contains("#SBATCH --mem=16G\n", script);
        Assert.Contains("#SBATCH --qos=long\n", script);
        Assert.Contains("#SBATCH -p gpu\n", script);
        Assert.DoesNotContain("--time", script);
        Assert.DoesNotContain("%", script.Split('\n').Single(l => l.StartsWith("#SBATCH --array", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheAppHostGetsItsDotnetRoot()
    {
        string script = SlurmBatchScript.Text("/o", [0], new SlurmOptions(1, 1024, null, null, null, []), new MannrlCommand("/opt/it's/mannrl", [], "/usr/lib/dotnet"));
        Assert.Contains("export DOTNET_ROOT='/usr/lib/dotnet'\n", script);
        Assert.Contains("exec '/opt/it'\\''s/mannrl' 'sweep' 'run' '/o'", script);
    }

    [Fact]
    public void QueueLinesMapToRunIndicesTheLaterSubmissionWinning()
    {
        var states = new Dictionary<int, SlurmTaskState>();
        var order = new Dictionary<string, int> { ["40"] = 0, ["41"] = 1 };
        SlurmQueue.Merge(states, order, "41_2|PENDING|Priority\n40_2|RUNNING|None\n40_3|RUNNING|None\n40_3.batch|RUNNING|None\n99_1|RUNNING|None\n", '|', reasonColumn: true);
        Assert.Equal(2, states.Count);
        Assert.Equal(("41_2", "PENDING", "Priority"), (states[2].Task, states[2].State, states[2].Reason));
        Assert.True(states[3].IsRunning);
        Assert.Null(states[3].Reason);
    }

    [Theory]
    // Measured peak resident memory on Linux x64: logic 89 MB, POS tuned 440 MB, sentences_parallel_8192 over 1 GB.
    [InlineData("logic/logic_m_best", 512, 1024)]
    [InlineData("pos/udpos_tuned", 768, 4096)]
    [InlineData("mt/sentences_parallel_8192", 2048, 16384)]
    public void MemoryRequestsAreInAPlausibleRange(string config, long atLeast, long atMost)
    {
        var estimate = MemoryEstimate.Of(ConfigLoader.BuiltIn(config).Config);
        long mib = estimate.SchedulerRequestMiB();
        Assert.InRange(mib, atLeast, atMost);
        Assert.Equal(0, mib % 256);
        // The request is the estimate every command checks configs against, with headroom, never less.
        Assert.True(mib * (1L << 20) > estimate.TotalBytes * 3 / 2, $"{mib} MiB for {estimate}");
    }
}
