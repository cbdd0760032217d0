using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MannRl.Config;
using MannRl.Data;
using MannRl.Engine;
using MannRl.Training;

namespace MannRl.Bench;

/// <summary>
/// The <c>lstm</c> suite: trains mannrl's LSTM baseline (<c>configs/logic/logic_lstm.yaml</c>) and PyTorch's
/// (<c>bench/pytorch/lstm_logic.py</c>, Debian's python3-torch) on the same logic data with the same net, batch,
/// optimizer and epochs, one thread each, back to back and in alternating order over several rounds (the machine is
/// shared: a round where another process took the core shows as such). Each epoch's training pass is timed in wall
/// and CPU seconds; validation answer accuracy follows each epoch, untimed. Writes the section between
/// <see cref="Begin"/> and <see cref="End"/> of docs/benchmarks.md. Options: <c>--epochs N</c> (default: the
/// config's), <c>--rounds N</c> (default 2), <c>--data-dir DIR</c>, <c>--python PATH</c> (default /usr/bin/python3),
/// <c>--out PATH</c>.
/// </summary>
public static class LstmBenchmark
{
    private const string Config = "configs/logic/logic_lstm.yaml", Script = "bench/pytorch/lstm_logic.py";
    private const string Begin = "<!-- lstm-bench:begin -->", End = "<!-- lstm-bench:end -->";

    /// <summary>Runs the suite; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        string outPath = "docs/benchmarks.md", python = "/usr/bin/python3";
        string? dataDir = null;
        int? epochsOption = null;
        int rounds = 2;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--epochs" when i + 1 < args.Length && int.TryParse(args[i + 1], out int e) && e > 0: epochsOption = e; i++; break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], out rounds) && rounds > 0: i++; break;
                case "--data-dir" when i + 1 < args.Length: dataDir = args[++i]; break;
                case "--python" when i + 1 < args.Length: python = args[++i]; break;
                case "--out" when i + 1 < args.Length: outPath = args[++i]; break;
                default:
                    Console.Error.WriteLine($"lstm: unknown or incomplete option '{args[i]}'; options: --epochs N, --rounds N, --data-dir DIR, --python PATH, --out PATH");
                    return 2;
            }
        }
        string repo = BenchReport.FindRepo();
        dataDir = Path.GetFullPath(dataDir ?? Path.Combine(repo, "..", "shared", "data"));
        string dataFile = Path.Combine(dataDir, "logic", "logic.dataset.json");
        if (!File.Exists(dataFile))
        {
            Console.Error.WriteLine($"lstm: {dataFile} not found; pass --data-dir with the original's logic data");
            return 1;
        }
        if (!File.Exists(python))
        {
            Console.Error.WriteLine($"lstm: {python} not found; install Debian's PyTorch (apt-get install python3-torch) or pass --python");
            return 1;
        }

        var config = ConfigLoader.Load(Path.Combine(repo, Config)).Config;
        if (epochsOption is int epochs) config.Epochs = epochs;
        var data = Experiment.LoadData(config, dataDir, null);
        string loadBefore = BenchReport.LoadAverage();
        var results = new List<RunResult>();
        for (int round = 1; round <= rounds; round++)
        {
            // Alternate who goes first, so neither always runs on a warmer or quieter machine.
            bool oursFirst = round % 2 == 1;
            for (int k = 0; k < 2; k++)
            {
                bool ours = (k == 0) == oursFirst;
                Console.Error.WriteLine($"round {round}: {(ours ? "mannrl" : "PyTorch")} ...");
                var r = ours ? RunOurs(config, data, round) : RunPyTorch(python, Path.Combine(repo, Script), dataFile, config, round);
                if (r is null) return 1;
                Console.Error.WriteLine($"  {r.Learner}: {r.Epochs.Sum(e => e.Wall):F1} s wall, {r.Epochs.Sum(e => e.Cpu):F1} s CPU, answers {r.Epochs[^1].AnswerAccuracy:P1}");
                results.Add(r);
            }
        }
        string section = Report(config, data, results, loadBefore, BenchReport.LoadAverage());
        WriteSection(Path.Combine(repo, outPath), section);
        Console.WriteLine(section);
        return 0;
    }

    /// <summary>One learner's run: per-epoch timings and accuracy.</summary>
    private sealed record RunResult(string Learner, int Round, IReadOnlyList<EpochResult> Epochs, string Version);

    private sealed record EpochResult(double Wall, double Cpu, double Loss, double AnswerAccuracy);

    private static RunResult RunOurs(ExperimentConfig config, SequenceDataset data, int round)
    {
        var trainer = new LstmTrainer(config, data, DiscardingSink.Instance, Compute.SingleThread);
        var epochs = new List<EpochResult>();
        var process = Process.GetCurrentProcess();
        for (int epoch = 0; epoch < config.Epochs; epoch++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            double loss = 0;
            int batches = 0;
            trainer.BeginEpoch(epoch);
            while (trainer.NextBatch()) { loss += trainer.TrainBatch(); batches++; }
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            var validation = trainer.Evaluator.Evaluate(data.Validation, data.Scoring);
            epochs.Add(new EpochResult(wall, cpuSeconds, loss / batches, validation.AnswerAccuracy ?? 0));
        }
        return new RunResult("mannrl", round, epochs, BenchReport.Commit());
    }

    private static RunResult? RunPyTorch(string python, string script, string dataFile, ExperimentConfig c, int round)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
        {
            script, "--data", dataFile, "--epochs", A(c.Epochs), "--batch-size", A(c.BatchSize), "--hidden", A(c.LstmHiddenDim),
            "--layers", A(c.LstmLayers), "--lr", c.ActionLearningRate.ToString("R", CultureInfo.InvariantCulture), "--seed", c.Seed.ToString(CultureInfo.InvariantCulture),
            "--threads", "1",
        }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            Console.Error.WriteLine($"lstm: {script} failed ({p.ExitCode}): {stderr.Result.Trim()}");
            return null;
        }
        using var json = JsonDocument.Parse(stdout);
        var epochs = json.RootElement.GetProperty("epochs").EnumerateArray().Select(e => new EpochResult(
            e.GetProperty("train_seconds").GetDouble(), e.GetProperty("train_cpu_seconds").GetDouble(), e.GetProperty("loss").GetDouble(),
            e.GetProperty("validation_answer_accuracy").GetDouble())).ToList();
        return new RunResult("PyTorch", round, epochs, "torch " + json.RootElement.GetProperty("torch").GetString());
    }

    private static string Report(ExperimentConfig c, SequenceDataset data, List<RunResult> results, string loadBefore, string loadAfter)
    {
        var ours = results.Where(r => r.Learner == "mannrl").ToList();
        var torch = results.Where(r => r.Learner == "PyTorch").ToList();
        static double Median(IEnumerable<double> values)
        {
            var v = values.Order().ToArray();
            return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        }
        double oursWall = Median(ours.Select(r => r.Epochs.Sum(e => e.Wall))), torchWall = Median(torch.Select(r => r.Epochs.Sum(e => e.Wall)));
        double oursCpu = Median(ours.Select(r => r.Epochs.Sum(e => e.Cpu))), torchCpu = Median(torch.Select(r => r.Epochs.Sum(e => e.Cpu)));
        var s = new StringBuilder();
        s.Append(Begin).Append('\n');
        s.Append("## LSTM baseline against PyTorch (issue 15)\n\n");
        s.Append("`dotnet run -c Release --project bench/MannRl.Bench -- lstm` at ").Append(BenchReport.Commit()).Append(", ")
            .Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(", ")
            .Append(BenchReport.CpuModel()).Append("; PyTorch: ").Append(torch[0].Version).Append(" (Debian python3-torch). Load average ")
            .Append(loadBefore).Append(" before, ").Append(loadAfter).Append(" after: the machine is shared, so the CPU seconds (what the ")
            .Append("process itself used) are the steadier figure.\n\n");
        s.Append("The same work on both sides: the logic data (").Append(I(data.Train.Count)).Append(" training sequences), an LSTM ")
            .Append(I(data.InputDim)).Append(" -> ").Append(I(c.LstmHiddenDim)).Append(" (").Append(I(c.LstmLayers)).Append(" layer) and a Linear ")
            .Append(I(c.LstmHiddenDim)).Append(" -> ").Append(I(data.TargetDim)).Append(", batches of ").Append(I(c.BatchSize))
            .Append(" whole sequences packed without padding, cross entropy on the logits over all steps, backpropagation through whole ")
            .Append("sequences, ").Append(c.ActionOptimizer).Append(' ').Append(c.ActionLearningRate.ToString(CultureInfo.InvariantCulture)).Append(", ")
            .Append(I(c.Epochs)).Append(" epochs, one thread each (`torch.set_num_threads(1)`). Timed: each epoch's training pass (packing the ")
            .Append("batches, forward, loss, backward, optimizer step); the validation answer accuracy after the last epoch is measured untimed. ")
            .Append("mannrl runs inside the benchmark's process in every round, so its first epoch of round 1 includes compiling its code (JIT); ")
            .Append("PyTorch starts a fresh interpreter each round.\n\n");
        s.Append("| round | learner | ");
        for (int e = 1; e <= c.Epochs; e++) s.Append("epoch ").Append(e).Append(" wall s | ");
        s.Append("total wall s | total CPU s | validation answers |\n|---|---|");
        for (int e = 0; e < c.Epochs + 3; e++) s.Append("---|");
        s.Append('\n');
        foreach (var r in results)
        {
            s.Append("| ").Append(r.Round).Append(" | ").Append(r.Learner).Append(" | ");
            foreach (var e in r.Epochs) s.Append(F(e.Wall)).Append(" | ");
            s.Append(F(r.Epochs.Sum(e => e.Wall))).Append(" | ").Append(F(r.Epochs.Sum(e => e.Cpu))).Append(" | ")
                .Append(r.Epochs[^1].AnswerAccuracy.ToString("P1", CultureInfo.InvariantCulture)).Append(" |\n");
        }
        s.Append("\nMedians over the rounds: mannrl ").Append(F(oursWall)).Append(" s wall / ").Append(F(oursCpu)).Append(" s CPU, PyTorch ")
            .Append(F(torchWall)).Append(" s wall / ").Append(F(torchCpu)).Append(" s CPU: mannrl's LSTM trains ")
            .Append((torchCpu / oursCpu).ToString("F1", CultureInfo.InvariantCulture)).Append("x ")
            .Append(torchCpu >= oursCpu ? "faster" : "SLOWER").Append(" than PyTorch's in CPU time (")
            .Append((torchWall / oursWall).ToString("F1", CultureInfo.InvariantCulture)).Append("x in wall time).\n");
        s.Append(End).Append('\n');
        return s.ToString();
    }

    /// <summary>Replaces the marked section of <paramref name="path"/>, or appends it when the file has none.</summary>
    private static void WriteSection(string path, string section)
    {
        string text = File.Exists(path) ? File.ReadAllText(path) : "";
        int b = text.IndexOf(Begin, StringComparison.Ordinal), e = text.IndexOf(End, StringComparison.Ordinal);
        text = b >= 0 && e > b ? text[..b] + section + text[(e + End.Length)..].TrimStart('\n') : text.TrimEnd('\n') + "\n\n" + section;
        BenchReport.WriteAtomically(path, text);
    }

    private static string I(int v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string A(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
}
