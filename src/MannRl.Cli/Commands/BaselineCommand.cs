using System.CommandLine;
using System.Globalization;
using MannRl.Config;
using MannRl.Cli.Output;
using MannRl.Data;
using MannRl.Data.Pos;
using MannRl.Evaluation;
using Spectre.Console;

namespace MannRl.Cli.Commands;

/// <summary>
/// <c>mannrl baseline pos</c>: the most-frequent-tag baseline MANN-RL's POS result is compared with (per word form);
/// <c>mannrl baseline freq</c>: the same idea for every task, per input the networks see.
/// </summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var tagset = new Option<string>("--tagset") { Description = "xpos (Penn tags, default) or upos.", DefaultValueFactory = _ => "xpos" };
        var pos = new Command("pos", "Most frequent tag per word (unknown word: the most frequent tag overall); weighted F1 on train, validation and test.")
        {
            dataDir, tagset,
        };
        pos.SetAction(p => ExitCodes.Guard(() =>
        {
            string name = p.GetValue(tagset)!;
            if (!ConfigNames<PosTagset>.TryParse(name.Trim().ToLowerInvariant(), out PosTagset t))
                throw new UsageException($"pos_tagset '{name}' is not a tagset: use xpos (Penn tags, the default) or upos");
            string step = "loading the corpus";
            var result = ProgressDisplay.Run("baseline pos", () => new ProgressState(double.NaN, step), () =>
            {
                var corpus = PosCorpus.Load(DataDirectory.Resolve(p.GetValue(dataDir)));
                step = "counting tags";
                return PosBaseline.Run(corpus, t);
            });
            var table = new Table().Title($"most-frequent-tag baseline ({t.ToString().ToUpperInvariant()}, {result.Tags.Count} tags)")
                .AddColumns("split", "accuracy", "weighted F1", "micro F1");
            foreach (var split in new[] { "train", "validation", "test" })
            {
                var pairs = result.Split(split);
                var counts = new ConfusionCounts(result.Tags.Count);
                foreach (var (truth, predicted) in pairs) counts.Add(truth, predicted);
                var m = counts.Metrics();
                table.AddRow(split, F(PosBaselineResult.Accuracy(pairs)), F(m.WeightedF1), F(m.MicroF1));
            }
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));
        var cmd = new Command("baseline", "Baselines to compare MANN-RL with.");
        cmd.Subcommands.Add(pos);
        cmd.Subcommands.Add(Frequency());
        return cmd;
    }

    private static Command Frequency()
    {
        var config = new Argument<string?>("CONFIG")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = $"The config (file or built-in name) whose task and data keys to use (default: the built-in {Experiment.DefaultConfig}).",
        };
        var dataDir = CommonOptions.DataDir();
        var data = new Option<string?>("--data")
        {
            Description = "Also score a data file of the task written by 'mannrl data make' (another draw, other lengths).",
        };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON instead of a table." };
        var overrides = CommonOptions.Set();
        var freq = new Command("freq",
            "Most frequent target per input symbol in training (unseen input: the most frequent target); scored as the evaluator scores a run.")
        {
            config, dataDir, data, json, overrides,
        };
        freq.SetAction(p => ExitCodes.Guard(() =>
        {
            var loaded = Experiment.LoadConfig(p.GetValue(config), p.GetValue(overrides)!);
            foreach (var w in loaded.Warnings) Console.Error.WriteLine($"warning: {w}");
            var c = loaded.Config;
            var set = Experiment.LoadData(c, DataDirectory.Resolve(p.GetValue(dataDir)), null);
            var baseline = FrequencyBaseline.Train(set);
            var rows = new List<(string Name, int Sequences, EvaluationResult Result, Scoring Scoring)>();
            foreach (var split in new[] { "train", "validation", "test" })
                if (set.Split(split).Count > 0) rows.Add((split, set.Split(split).Count, baseline.Evaluate(set.Split(split), set.Scoring), set.Scoring));
            if (p.GetValue(data) is { } path)
            {
                if (!TaskDataFile.Supports(c.Dataset))
                    throw new UsageException($"--data reads data files of {string.Join(", ", TaskDataFile.Tasks)}, not of {c.Dataset}");
                var other = TaskDataFile.Load(c, TaskDataFile.Resolve(path, c.Dataset));
                IReadOnlyList<Sequence> all = [.. other.Train, .. other.Validation];
                rows.Add(($"data file ({Path.GetFullPath(TaskDataFile.Resolve(path, c.Dataset))})", all.Count, baseline.Evaluate(all, other.Scoring), other.Scoring));
            }
            string answerName = set.Scoring.RecallOnly ? "exact match" : "answer accuracy";
            if (p.GetValue(json))
            {
                var o = rows.Select(r => new Dictionary<string, object?>
                {
                    ["split"] = r.Name,
                    ["sequences"] = r.Sequences,
                    ["scored"] = r.Scoring.Name,
                    ["accuracy"] = r.Result.Metrics.Accuracy,
                    ["micro_f1"] = r.Result.Metrics.MicroF1,
                    ["weighted_f1"] = r.Result.Metrics.WeightedF1,
                    ["answer_accuracy"] = r.Result.AnswerAccuracy,
                }).ToArray();
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?> { ["dataset"] = c.Dataset, ["splits"] = o },
                    new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }
            var table = new Table().Title($"most-frequent-symbol baseline, {c.Dataset} ({baseline.InputCount} inputs seen in training; scored: {set.Scoring})")
                .AddColumns("split", "sequences", "accuracy", "weighted F1", answerName);
            foreach (var r in rows)
                table.AddRow(Markup.Escape(r.Name), r.Sequences.ToString(CultureInfo.InvariantCulture), F(r.Result.Metrics.Accuracy),
                    F(r.Result.Metrics.WeightedF1), r.Result.AnswerAccuracy is { } a ? F(a) : "-");
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));
        return freq;
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
