using System.CommandLine;
using System.Globalization;
using MannRl.Config;
using MannRl.Cli.Output;
using MannRl.Data;
using MannRl.Data.Logic;
using MannRl.Data.MemoryTasks;
using MannRl.Data.Pos;
using MannRl.Data.RepeatCopy;
using MannRl.Data.Sentences;

namespace MannRl.Cli.Commands;

/// <summary>
/// <c>mannrl data fetch udpos|wmt2014|sentences</c>: downloads a data set into the data directory (sentences: the
/// offline sentence file, built from UD English EWT);
/// <c>mannrl data make TASK</c>: writes a generated data set (another draw, other lengths) as a file.
/// </summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var cmd = new Command("data", "Data sets.");
        cmd.Subcommands.Add(Fetch());
        cmd.Subcommands.Add(Make());
        return cmd;
    }

    private static Command Fetch()
    {
        var which = new Argument<string>("DATASET")
        {
            Description = "udpos (UD English EWT), wmt2014 (news-commentary v9 fr-en) or sentences (sentences/en-ewt-train.txt: "
                + "the text of EWT's train sentences, one per line, for configs/mt; fetches udpos first).",
        };
        which.AcceptOnlyFromAmong("udpos", "wmt2014", "sentences");
        var dataDir = CommonOptions.DataDir();
        var fetch = new Command("fetch", "Download a data set into the data directory (needs network access).") { which, dataDir };
        fetch.SetAction(p => ExitCodes.Guard(() =>
        {
            string dir = DataDirectory.Resolve(p.GetValue(dataDir));
            string name = p.GetValue(which)!;
            // The fetchers report in messages, not sizes: the display shows the latest one under a spinner.
            string latest = "";
            void Report(string message)
            {
                latest = message;
                ConsoleOutput.LogLine(message);
            }
            ProgressDisplay.Run($"fetch {name}", () => new ProgressState(double.NaN, latest), () =>
            {
                if (name is "udpos" or "sentences")
                {
                    var files = UdFetcher.FetchAsync(dir, progress: Report).GetAwaiter().GetResult();
                    foreach (var f in files) ConsoleOutput.Line($"have {f}");
                }
                if (name == "sentences")
                {
                    var (path, count) = EwtSentences.Write(dir);
                    ConsoleOutput.Line($"wrote {path} ({count} sentences from UD English EWT train)");
                }
                if (name == "wmt2014")
                {
                    WmtFetcher.FetchAsync(dir, Report).GetAwaiter().GetResult();
                }
                return 0;
            });
            return ExitCodes.Ok;
        }));
        return fetch;
    }

    private static Command Make()
    {
        var task = new Argument<string>("TASK") { Description = $"The task: {string.Join(", ", TaskDataFile.Tasks)}." };
        task.AcceptOnlyFromAmong([.. TaskDataFile.Tasks]);
        var output = new Option<string>("--out") { Description = "Folder to write TASK.dataset.json into (logic: logic.dataset.json).", Required = true };
        var count = new Option<int?>("--count") { Description = "Sequences to generate (default: 10000 for logic, as the original; 500 for the memory tasks)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the draw (default 13).", DefaultValueFactory = _ => 13 };
        var operands = new Option<string?>("--operands") { Description = "logic: operand counts of and/or, MIN..MAX (default 2..20, the original's)." };
        var lengths = new Option<string?>("--lengths") { Description = "Memory tasks: symbols to copy, or key-value pairs, MIN..MAX (default 1..5)." };
        var repeats = new Option<string?>("--repeats") { Description = "repeat-copy: repeat counts, MIN..MAX within 1..9 (default 1..3)." };
        var alphabet = new Option<int?>("--alphabet") { Description = "Memory tasks: data symbols K, 2..26 (default 8); a run reads only data of its own K." };
        var ratio = new Option<double>("--validation-ratio")
        {
            Description = "Share of the sequences, at the end, in the file's validation split (default 0.05, the original's).",
            DefaultValueFactory = _ => LogicGenerator.DefaultValidationRatio,
        };
        var make = new Command("make", "Write a generated data set in the original logic file format (mannrl evaluate --data reads it).")
        {
            task, output, count, seed, operands, lengths, repeats, alphabet, ratio,
        };
        make.SetAction(p => ExitCodes.Guard(() =>
        {
            string name = p.GetValue(task)!;
            bool logic = name == LogicTask.Name;
            Refuse(logic, p.GetValue(lengths), "--lengths", "memory tasks");
            Refuse(logic, p.GetValue(alphabet)?.ToString(CultureInfo.InvariantCulture), "--alphabet", "memory tasks");
            Refuse(!logic, p.GetValue(operands), "--operands", "logic");
            Refuse(name != MemoryTask.RepeatCopy, p.GetValue(repeats), "--repeats", "repeat-copy");
            int n = p.GetValue(count) ?? (logic ? LogicGenerator.DefaultCount : 500);
            if (n < 2) throw new UsageException($"--count must be at least 2 (a train and a validation split), got {n}");
            double r = p.GetValue(ratio);
            if (!(r > 0 && r < 1)) throw new UsageException($"--validation-ratio must be in (0, 1), got {r.ToString(CultureInfo.InvariantCulture)}");
            if ((int)(n * (1 - r)) is var stop && (stop <= 0 || stop >= n))
                throw new UsageException($"--validation-ratio {r.ToString(CultureInfo.InvariantCulture)} leaves an empty split of {n} sequences; raise --count or change the ratio");
            ulong s = p.GetValue(seed);
            SymbolDataSet data;
            string what;
            if (logic)
            {
                var ops = Range(p.GetValue(operands), "--operands", new IntRange(LogicGenerator.MinOperands, LogicGenerator.MaxOperands), 1, int.MaxValue);
                data = TaskDataFile.MakeLogic(ops, n, s, r);
                what = $"operands {ops.ToCommandLine()}";
            }
            else
            {
                int k = p.GetValue(alphabet) ?? 8;
                if (k is < 2 or > MemoryTaskSymbols.MaxDataSymbols) throw new UsageException($"--alphabet must be in [2, 26], got {k}");
                int maxLength = name == MemoryTask.AssociativeRecall ? k : int.MaxValue;
                var lens = Range(p.GetValue(lengths), "--lengths", new IntRange(1, 5), 1, maxLength);
                var reps = Range(p.GetValue(repeats), "--repeats", new IntRange(1, 3), 1, RepeatCopyGenerator.MaxRepeats);
                data = TaskDataFile.MakeMemoryTask(name, k, lens, reps, n, s, r);
                what = $"{k} symbols, lengths {lens.ToCommandLine()}" + (name == MemoryTask.RepeatCopy ? $", repeats {reps.ToCommandLine()}" : "");
            }
            string file = Path.Combine(p.GetValue(output)!, TaskDataFile.FileName(name));
            if (File.Exists(file)) throw new UsageException($"{file} exists; delete it or pass another --out");
            SymbolDataFile.Write(file, data);
            Console.WriteLine($"wrote {file}: {data.Train.Count} train and {data.Validation.Count} validation {name} sequences ({what}, seed {s})");
            return ExitCodes.Ok;
        }));
        return make;
    }

    private static void Refuse(bool condition, string? value, string option, string appliesTo)
    {
        if (condition && value is not null) throw new UsageException($"{option} applies to {appliesTo} only; remove it");
    }

    private static IntRange Range(string? text, string option, IntRange fallback, int min, int max)
    {
        if (text is null) return fallback;
        var range = IntRange.TryParse(text)
            ?? throw new UsageException($"{option} takes MIN..MAX (or one number), got '{text}'; e.g. {option} 21..40");
        if (range.Min < min || range.Max < range.Min || range.Max > max)
            throw new UsageException($"{option} needs {min} <= MIN <= MAX{(max == int.MaxValue ? "" : $" <= {max}")}, got {text}"
                + (option == "--lengths" && max != int.MaxValue ? " (associative-recall keys are distinct: at most --alphabet pairs)" : ""));
        return range;
    }
}
