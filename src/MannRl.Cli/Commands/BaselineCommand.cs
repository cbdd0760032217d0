using System.CommandLine;
using System.Globalization;
using MannRl.Config;
using MannRl.Data;
using MannRl.Data.Pos;
using MannRl.Evaluation;
using Spectre.Console;

namespace MannRl.Cli.Commands;

/// <summary><c>mannrl baseline pos</c>: the most-frequent-tag baseline MANN-RL's POS result is compared with.</summary>
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
            var corpus = PosCorpus.Load(DataDirectory.Resolve(p.GetValue(dataDir)));
            var result = PosBaseline.Run(corpus, t);
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
        return cmd;
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
