using MannRl.Sweeps;

namespace MannRl.Tests.Sweeps;

public sealed class SweepAggregateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-aggregate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Header = "epoch,split,micro_precision,micro_recall,micro_f1,weighted_precision,weighted_recall,weighted_f1,answer_accuracy,action_loss,memory_loss,elapsed_seconds";

    private SweepManifest Sweep()
    {
        var runs = SweepExpansion.Expand(SweepFile.Parse("seeds: [1, 2, 3]\ngrid: {history: [10, 12]}\n", "/tmp/s.yaml", "/tmp")).Runs;
        var manifest = SweepPlan.Make(null, runs, "/tmp/s.yaml", "/data").Manifest;
        manifest.Save(_dir);
        return manifest;
    }

    private void Finish(SweepRun run, params (double Train, double Validation)[] f1ByEpoch)
    {
        string dir = Path.Combine(_dir, run.Directory);
        Directory.CreateDirectory(dir);
        var lines = new List<string> { Header };
        for (int e = 0; e < f1ByEpoch.Length; e++)
        {
            lines.Add($"{e + 1},train,0,0,0,0,0,{f1ByEpoch[e].Train},0.5,1.5,,{e + 1}.000");
            lines.Add($"{e + 1},validation,0,0,0,0,0,{f1ByEpoch[e].Validation},0.25,1.5,,{e + 1}.000");
        }
        File.WriteAllLines(Path.Combine(dir, "metrics.csv"), lines);
        new RunStateStore(_dir).Write(run.Index, new RunRecord(RunState.Done, DateTimeOffset.Now, DateTimeOffset.Now, 1, null, "h", 1, null));
    }

    [Fact]
    public void FinalMetricsAndCurvesAreSummarisedOverTheDoneSeeds()
    {
        var manifest = Sweep();
        Finish(manifest.Runs[0], (0.5, 0.6), (0.7, 0.8));
        Finish(manifest.Runs[1], (0.5, 0.9), (0.9, 0.7));
        Finish(manifest.Runs[2], (0.5, 0.6), (0.8, 0.6));
        Finish(manifest.Runs[3], (0.1, 0.2), (0.3, 0.4));
        // runs 4 and 5 (history=12, seeds 2 and 3) have not finished: they count nowhere
        Directory.CreateDirectory(Path.Combine(_dir, manifest.Runs[4].Directory));

        var aggregate = SweepAggregate.Compute(_dir, manifest);
        var six = aggregate.Settings[0];
        Assert.Equal("history=10", six.Setting);
        Assert.Equal(3, six.Finished.Count);
        var val = six.Final[new MetricKey("validation", "weighted_f1")];
        Assert.Equal((3, 0.7, 0.6, 0.8), (val.N, Math.Round(val.Mean, 12), val.Min, val.Max));
        Assert.Equal(0.1, val.Std!.Value, 12);
        Assert.Equal(2.3 / 3, six.Final[new MetricKey("validation", SweepAggregate.BestWeightedF1)].Mean, 12); // best epochs: 0.8, 0.9, 0.6
        Assert.False(six.Final.ContainsKey(new MetricKey("validation", "memory_loss")), "empty fields are not metrics");
        var twelve = aggregate.Settings[1];
        Assert.Equal((1, 3), (twelve.Finished.Count, twelve.Runs.Count));
        Assert.Null(twelve.Final[new MetricKey("validation", "weighted_f1")].Std);

        var curve = aggregate.Curves.Where(p => p.Setting == "history=10" && p.Metric == new MetricKey("validation", "weighted_f1")).ToList();
        Assert.Equal([1, 2], curve.Select(p => p.Epoch));
        Assert.Equal(0.7, curve[0].Summary.Mean, 12);
        Assert.Equal(0.6, curve[0].Summary.Min);

        Assert.Equal(new MetricKey("train", "micro_precision"), aggregate.Metrics[0]);
        string markdown = SweepReport.Write(_dir, manifest, aggregate);
        Assert.Contains("| history=10 | 3/3 | 0.7000 ± 0.1000 | 0.7667 ± 0.1528 | 0.2500 ± 0.0000 | 0.8000 ± 0.1000 | 2.0 ± 0.0 |", markdown);
        Assert.Contains("| history=12 | 1/3 | 0.4000 |", markdown);
        var csv = File.ReadAllLines(Path.Combine(SweepReport.Folder(_dir), "summary.csv"));
        Assert.Equal("setting,split,metric,n,mean,std,min,max,ci95_low,ci95_high", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("history=10,validation,weighted_f1,3,0.7", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("history=12,validation,weighted_f1,1,0.4,,0.4,0.4,,", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(SweepReport.Folder(_dir), "curves.csv")));
    }
}
