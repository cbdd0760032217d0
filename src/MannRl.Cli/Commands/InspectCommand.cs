using System.CommandLine;
using System.Globalization;
using MannRl.Cli.Output;
using MannRl.Config;
using MannRl.Reports.Figures;
using MannRl.Reports.Memory;
using MannRl.Runs;

namespace MannRl.Cli.Commands;

/// <summary>
/// <c>mannrl inspect RUNDIR</c>: one sequence's memory over time as a heatmap (time steps x memory units, what the
/// memory-net wrote at each step), with the inputs, targets, predictions and their probabilities under it; optionally
/// the whole trace as .npy or .safetensors for Python.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("RUNDIR") { Description = "A run directory written by 'mannrl train' (model mann-rl or frozen-memory)." };
        var checkpoint = CommonOptions.Checkpoint();
        var split = new Option<string>("--split")
        {
            Description = "Which split the sequence is from: train, validation or test.",
            DefaultValueFactory = _ => "validation",
        };
        split.AcceptOnlyFromAmong("train", "validation", "test");
        var sequence = new Option<int>("--sequence")
        {
            Description = "The sequence's index in the split (0-based; 'mannrl predict' lists them in PREFIX.alignment.tsv).",
            DefaultValueFactory = _ => 0,
        };
        var output = new Option<string?>("--out")
        {
            Description = "The heatmap, FILE.png or FILE.svg (default RUNDIR/predictions/<checkpoint>-<split>-<K>.memory.png).",
        };
        var dump = new Option<string?>("--dump")
        {
            Description = "Also write the trace for Python: FILE.npy (the memory, float32 steps x units) or FILE.safetensors "
                + "(memory, probabilities, targets, predictions, inputs; symbol names in the metadata).",
        };
        var batch = new Option<int?>("--batch-size")
        {
            Description = "Evaluation batch size (default: the config's eval_batch_size, as training evaluated; a sequence's memory "
                + "starts from what its batch slot held before it, so the trace depends on it).",
        };
        var dataDir = CommonOptions.DataDir();
        var threads = CommonOptions.Threads();
        var cmd = new Command("inspect", "Draw one sequence's memory over time (heatmap of time steps x memory units) with its inputs, targets "
            + "and predictions; memories wider than " + UnitSelection.MaxUnits + " units show the units that vary most.")
        {
            runDir, checkpoint, split, sequence, output, dump, batch, dataDir, threads,
        };
        cmd.SetAction(p => ExitCodes.Guard(() =>
        {
            string? outPath = p.GetValue(output), dumpPath = p.GetValue(dump);
            if (outPath is not null) CheckExtension(() => FigureFile.FormatOf(outPath));
            if (dumpPath is not null && Path.GetExtension(dumpPath).ToLowerInvariant() is not (".npy" or ".safetensors"))
                throw new UsageException($"cannot write a memory trace as '{Path.GetExtension(dumpPath)}' ({dumpPath}): name the file .npy or .safetensors");
            var compute = CommonOptions.CreateCompute(p.GetValue(threads));
            string dir = p.GetValue(runDir)!;
            // Refuse a run without memory-net before loading its data and networks.
            var configPath = Path.Combine(dir, RunFiles.Config);
            if (File.Exists(configPath) && MemoryInspection.Unsupported(ConfigLoader.Load(configPath).Config) is { } reason)
                throw new UsageException($"cannot inspect '{dir}': {reason}");
            var run = SavedRun.Open(dir, CommonOptions.ResolveDataDir(p.GetValue(dataDir)), p.GetValue(checkpoint));
            var target = EvaluationData.Select(run, null, p.GetValue(split));
            int k = p.GetValue(sequence);
            if ((uint)k >= (uint)target.Sequences.Count)
                throw new UsageException(target.Sequences.Count == 0 ? $"the {target.Name} split is empty; pick another with --split"
                    : $"--sequence {k} is not in {target.Name}: pass 0..{target.Sequences.Count - 1}");
            int batchSize = p.GetValue(batch) ?? run.Config.EvalBatchSize;
            if (batchSize < 1) throw new UsageException($"--batch-size must be at least 1, got {batchSize}");
            if (batchSize > ConfigLimits.MaxCount)
                throw new UsageException($"--batch-size must be at most {ConfigLimits.MaxCount}, got {batchSize}; e.g. the config's eval_batch_size ({run.Config.EvalBatchSize})");

            var (traces, _) = ProgressDisplay.Run($"inspect {run.CheckpointName} on {target.Name}", () => EvaluationProgressView.Poll(run),
                () => MemoryInspection.Trace(run, target, [k], batchSize, compute));
            var trace = traces[0];
            string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(run.RunDir)));
            string path = outPath ?? $"{run.PredictionPrefix(target.Name)}-{k}.memory.png";
            var layout = MemoryHeatmapFigure.LayoutOf(trace);
            MemoryHeatmapFigure.Build(trace, $"{name}: {run.CheckpointName} on {target.Name}, sequence {k} (batch {batchSize})").Save(path);
            bool right = MemoryInspection.Right(target.Data.Scoring, target.Sequences[k], trace.Predictions);
            string judged = target.Data.Scoring.HasAnswer ? (right ? "answer right" : "answer wrong") : (right ? "all right" : "not all right");
            ConsoleOutput.Line(string.Create(CultureInfo.InvariantCulture,
                $"{target.Name} sequence {k}: {trace.Steps} steps, {trace.Errors} predicted wrong ({judged}); memory of {trace.Units} units"));
            string steps = layout.Steps < trace.Steps ? $"the first {layout.Steps} of {trace.Steps} steps" : $"{layout.Steps} steps";
            ConsoleOutput.Line(string.Create(CultureInfo.InvariantCulture,
                $"heatmap: {layout.Steps} steps x {layout.Units.Length} units ({steps}; {UnitSelection.Describe(trace.Units)})"));
            ConsoleOutput.Line($"wrote {path} ({layout.Width} x {layout.Height} pixels)");
            if (dumpPath is not null)
            {
                MemoryTraceFile.Write(dumpPath, trace);
                ConsoleOutput.Line(string.Create(CultureInfo.InvariantCulture, $"wrote {dumpPath}: memory float32 ({trace.Steps}, {trace.Units})"));
            }
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static void CheckExtension(Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
