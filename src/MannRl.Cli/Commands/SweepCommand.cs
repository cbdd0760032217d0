using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using MannRl.Config;
using MannRl.Data;
using MannRl.Runs;
using MannRl.Sweeps;
using Spectre.Console;

namespace MannRl.Cli.Commands;

/// <summary>
/// <c>mannrl sweep SWEEP.yaml OUTDIR</c> (run a sweep here or on Slurm), <c>mannrl sweep run OUTDIR --index I</c>
/// (one run, in this process: what both backends start) and <c>mannrl sweep status OUTDIR</c>.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var sweepFile = new Argument<string>("SWEEP") { Description = "Sweep file (YAML: base, seeds, set, settings, grid; see sweeps/)." };
        var outDir = new Argument<string>("OUTDIR") { Description = "The sweep's folder: sweep.json, runs/SETTING/seed=N/, state/, logs/, report/. Re-running the same command continues it." };
        var backend = new Option<string>("--backend") { Description = "local (child processes here) or slurm (a job array).", DefaultValueFactory = _ => "local" };
        backend.AcceptOnlyFromAmong("local", "slurm");
        var jobs = new Option<int?>("--jobs") { Description = "local: runs side by side (default: CPUs / --threads)." };
        var threads = new Option<int?>("--threads") { Description = "Threads of each run (local default: CPUs / --jobs; slurm: --cpus-per-task, default 1)." };
        var dataDir = CommonOptions.DataDir();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the runs (and the Slurm script) without writing or starting anything." };
        var partition = new Option<string?>("--partition") { Description = "slurm: the partition." };
        var time = new Option<string?>("--time") { Description = "slurm: time limit of each run, e.g. 2:00:00." };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "slurm: at most K array tasks at once (--array=...%K)." };
        var sbatchArgs = new Option<string[]>("--sbatch-arg")
        {
            Description = "slurm: another sbatch option, e.g. --sbatch-arg=--qos=long (repeatable; replaces mannrl's own option of that name).",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => [],
        };
        var cmd = new Command("sweep", "Run a sweep of settings and seeds here (--backend local) or on a Slurm cluster (--backend slurm); report: mannrl report OUTDIR.")
        {
            sweepFile, outDir, backend, jobs, threads, dataDir, dryRun, partition, time, maxParallel, sbatchArgs,
        };
        cmd.SetAction(p => ExitCodes.Guard(() => Start(new StartOptions(p.GetValue(sweepFile)!, p.GetValue(outDir)!, p.GetValue(backend)!,
            p.GetValue(jobs), p.GetValue(threads), p.GetValue(dataDir), p.GetValue(dryRun), p.GetValue(partition), p.GetValue(time),
            p.GetValue(maxParallel), p.GetValue(sbatchArgs) ?? []))));
        cmd.Subcommands.Add(CreateRun());
        cmd.Subcommands.Add(CreateStatus());
        return cmd;
    }

    private sealed record StartOptions(string SweepFile, string OutDir, string Backend, int? Jobs, int? Threads, string? DataDir, bool DryRun,
        string? Partition, string? Time, int? MaxParallel, string[] SbatchArgs);

    private static Command CreateRun()
    {
        var outDir = new Argument<string>("OUTDIR") { Description = "The sweep's folder." };
        var index = new Option<int>("--index") { Description = "The run's index in OUTDIR/sweep.json (a Slurm array task id).", Required = true };
        var threads = CommonOptions.Threads();
        var cmd = new Command("run", "Train one run of a sweep in this process (what the local and Slurm backends start).") { outDir, index, threads };
        cmd.SetAction(p => ExitCodes.Guard(() => RunOne(p.GetValue(outDir)!, p.GetValue(index), p.GetValue(threads))));
        return cmd;
    }

    private static Command CreateStatus()
    {
        var outDir = new Argument<string>("OUTDIR") { Description = "The sweep's folder." };
        var cmd = new Command("status", "Pending, queued, running, interrupted, done and failed runs of a sweep (with Slurm's view where it ran there).") { outDir };
        cmd.SetAction(p => ExitCodes.Guard(() => Status(p.GetValue(outDir)!)));
        return cmd;
    }

    private static int Start(StartOptions o)
    {
        var definition = SweepFile.Load(o.SweepFile);
        var expanded = SweepExpansion.Expand(definition);
        foreach (var w in expanded.Warnings) Console.Error.WriteLine($"warning: {w}");
        string outDir = Path.GetFullPath(o.OutDir);
        string dataDir = DataDirectory.Resolve(o.DataDir);
        SweepManifest? existing = SweepManifest.Exists(outDir) ? SweepManifest.Load(outDir) : null;
        if (existing is null && Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
            throw new UsageException($"'{o.OutDir}' exists, is not empty and holds no sweep (no {SweepManifest.FileName}); choose a new OUTDIR");
        var plan = SweepPlan.Make(existing, expanded.Runs, definition.Source, dataDir);
        Console.WriteLine($"{o.OutDir}: {plan.Description}");
        bool slurm = o.Backend == "slurm";
        if (o.DryRun)
        {
            foreach (var run in plan.Manifest.Runs)
                Console.WriteLine($"  {run.Index,4}  {run.Name}  {string.Join(' ', run.Overrides.Select(x => x.Assignment))}");
            if (slurm)
            {
                var indices = existing is null ? plan.Manifest.Runs.Select(r => r.Index).ToList()
                    : SlurmBackend.RunsToSubmit(outDir, plan.Manifest);
                Console.WriteLine();
                Console.Write(SlurmBatchScript.Text(outDir, indices, SlurmOptionsFor(o, plan.Manifest, indices), MannrlSelf.Command()));
            }
            Console.WriteLine("(dry run: nothing written, nothing started)");
            return ExitCodes.Ok;
        }
        plan.Manifest.Save(outDir);
        SweepData.Prepare(plan.Manifest, Console.WriteLine);
        return slurm ? SubmitToSlurm(o, outDir, plan.Manifest) : RunLocally(o, outDir, plan.Manifest);
    }

    private static int RunLocally(StartOptions o, string outDir, SweepManifest manifest)
    {
        if (o.Partition is not null || o.Time is not null || o.MaxParallel is not null || o.SbatchArgs.Length > 0)
            throw new UsageException("--partition, --time, --max-parallel and --sbatch-arg are for --backend slurm");
        int cpus = Environment.ProcessorCount;
        if (o.Jobs is < 1) throw new UsageException($"--jobs must be at least 1, got {o.Jobs}");
        if (o.Threads is < 1) throw new UsageException($"--threads must be at least 1, got {o.Threads}");
        int threads = o.Threads ?? Math.Max(1, cpus / (o.Jobs ?? cpus));
        int jobs = o.Jobs ?? Math.Max(1, cpus / threads);
        if (jobs * threads > cpus)
            throw new UsageException($"--jobs {jobs} x --threads {threads} = {jobs * threads} exceeds the {cpus} CPUs; lower --jobs or --threads");
        var statuses = RunStatus.ReadAll(outDir, manifest);
        int Count(RunState s) => statuses.Count(x => x.State == s);
        Console.WriteLine($"{Count(RunState.Done)} done (skipped), {Count(RunState.Interrupted)} interrupted (resuming), "
            + $"{Count(RunState.Failed)} failed (retrying), {Count(RunState.Running)} running in another process (waiting for them), "
            + $"{Count(RunState.Pending)} to run; {jobs} job(s) x {threads} thread(s)");

        using var stop = new CancellationTokenSource();
        int signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref signals) > 1) return; // a second signal ends mannrl at once
            context.Cancel = true;
            Console.Error.WriteLine("stopping: no new runs; the running ones are asked to stop (again to quit at once)");
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var backend = new LocalBackend(outDir, MannrlSelf.Command(), jobs, threads);
        var result = SweepProgressDisplay.Show(manifest.Runs.Count, report => backend.Run(report, stop.Token));

        WriteReport(outDir, manifest, print: true);
        if (result.Stopped)
        {
            Console.Error.WriteLine($"sweep stopped: {result.Done} of {manifest.Runs.Count} runs done; run the same command again to finish it");
            return ExitCodes.Stopped;
        }
        if (result.Failed > 0)
        {
            Console.Error.WriteLine($"error: {result.Failed} run(s) failed; see 'mannrl sweep status {o.OutDir}' and {LocalBackend.LogFolder(o.OutDir)}/; "
                + "fix the cause and run the same command again to retry them");
            return ExitCodes.Failure;
        }
        Console.WriteLine($"sweep done: {result.Done} runs; report in {SweepReport.Folder(o.OutDir)}/");
        return ExitCodes.Ok;
    }

    private static int SubmitToSlurm(StartOptions o, string outDir, SweepManifest manifest)
    {
        if (o.Jobs is not null) throw new UsageException("--jobs is for --backend local; with slurm use --max-parallel");
        var indices = SlurmBackend.RunsToSubmit(outDir, manifest);
        if (indices.Count == 0)
        {
            Console.WriteLine($"nothing to submit: every run is done, queued or running; see 'mannrl sweep status {o.OutDir}'");
            return ExitCodes.Ok;
        }
        var submission = SlurmBackend.Submit(outDir, indices, SlurmOptionsFor(o, manifest, indices), MannrlSelf.Command());
        Console.WriteLine($"submitted job array {submission.JobId} ({indices.Count} runs: {SlurmBatchScript.ArraySpec(indices)}); script {Path.Combine(o.OutDir, submission.Script)}");
        Console.WriteLine($"follow it with 'mannrl sweep status {o.OutDir}'; when done, 'mannrl report {o.OutDir}'");
        return ExitCodes.Ok;
    }

    private static SlurmOptions SlurmOptionsFor(StartOptions o, SweepManifest manifest, IReadOnlyList<int> indices)
    {
        if (o.Threads is < 1) throw new UsageException($"--threads must be at least 1, got {o.Threads}");
        if (o.MaxParallel is < 1) throw new UsageException($"--max-parallel must be at least 1, got {o.MaxParallel}");
        long memory = indices.Select(i => MemoryEstimate.Of(ConfigLoader.Parse(manifest.Runs[i].Config, "sweep.json").Config).SchedulerRequestMiB())
            .DefaultIfEmpty(1024).Max();
        return new SlurmOptions(o.Threads ?? 1, memory, o.Partition, o.Time, o.MaxParallel, o.SbatchArgs);
    }

    private static int RunOne(string outDir, int index, int threads)
    {
        var compute = CommonOptions.CreateCompute(threads);
        Console.WriteLine($"mannrl sweep run: run {index} of {Path.GetFullPath(outDir)} on {Environment.MachineName}, process {Environment.ProcessId}, {threads} thread(s)");
        // SIGTERM (the local sweep stopping, Slurm preempting or timing out) stops the run at a step boundary with its state saved.
        using var signals = StopSignals.Listen();
        RunOutcome outcome;
        try
        {
            outcome = SweepRunExecutor.Execute(outDir, index,
                (c, runDir, dataDir) => TrainingRun.Execute(c, dataDir, runDir, compute, Console.WriteLine, signals.Token),
                Console.WriteLine,
                runDir => TrainingRun.Resume(runDir, compute, Console.WriteLine, signals.Token));
        }
        catch (OperationCanceledException) when (signals.Stopped)
        {
            Console.Error.WriteLine($"stopped; running the sweep again (or 'mannrl sweep run {outDir} --index {index}') resumes the run");
            return signals.ExitCode;
        }
        return outcome == RunOutcome.Trained || outcome == RunOutcome.AlreadyDone ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static int Status(string outDir)
    {
        var manifest = SweepManifest.Load(outDir);
        var submissions = SlurmSubmission.ReadAll(outDir);
        var slurm = SlurmQueue.Read(submissions);
        var statuses = RunStatus.ReadAll(outDir, manifest, slurm);
        if (SweepProgressDisplay.Live)
        {
            var table = new Table().AddColumns("index", "run", "state", "detail");
            foreach (var s in statuses)
                table.AddRow(s.Run.Index.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Run.Name), s.State.ToString().ToLowerInvariant(), Markup.Escape(s.Detail ?? ""));
            AnsiConsole.Write(table);
        }
        else
        {
            // One line a run, tab-separated and unwrapped, for scripts and pipes.
            foreach (var s in statuses)
                Console.WriteLine($"{s.Run.Index}\t{s.Run.Name}\t{s.State.ToString().ToLowerInvariant()}\t{s.Detail}");
        }
        var counts = Enum.GetValues<RunState>().Select(state => (state, n: statuses.Count(s => s.State == state))).Where(x => x.n > 0)
            .Select(x => $"{x.n} {x.state.ToString().ToLowerInvariant()}");
        string source = submissions.Count == 0 ? "" : slurm is null ? $"; slurm jobs {string.Join(", ", submissions.Select(s => s.JobId))} (squeue not available: states from the run directories)"
            : $"; slurm jobs {string.Join(", ", submissions.Select(s => s.JobId))}";
        Console.WriteLine($"{statuses.Count} runs: {string.Join(", ", counts)}{source}");
        return ExitCodes.Ok;
    }

    /// <summary>Aggregates the done runs into OUTDIR/report/ and prints the markdown summary.</summary>
    internal static void WriteReport(string outDir, SweepManifest manifest, bool print)
    {
        var aggregate = SweepAggregate.Compute(outDir, manifest);
        string markdown = SweepReport.Write(outDir, manifest, aggregate);
        if (print) Console.WriteLine(markdown);
    }
}
