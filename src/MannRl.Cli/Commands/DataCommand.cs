using System.CommandLine;
using MannRl.Data;
using MannRl.Data.Pos;
using MannRl.Data.Sentences;

namespace MannRl.Cli.Commands;

/// <summary><c>mannrl data fetch udpos|wmt2014</c>: downloads a data set into the data directory.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var which = new Argument<string>("DATASET") { Description = "udpos (UD English EWT) or wmt2014 (news-commentary v9 fr-en)." };
        which.AcceptOnlyFromAmong("udpos", "wmt2014");
        var dataDir = CommonOptions.DataDir();
        var fetch = new Command("fetch", "Download a data set into the data directory (needs network access).") { which, dataDir };
        fetch.SetAction(p => ExitCodes.Guard(() =>
        {
            string dir = DataDirectory.Resolve(p.GetValue(dataDir));
            if (p.GetValue(which) == "udpos")
            {
                var files = UdFetcher.FetchAsync(dir, progress: Console.WriteLine).GetAwaiter().GetResult();
                foreach (var f in files) Console.WriteLine($"have {f}");
            }
            else
            {
                WmtFetcher.FetchAsync(dir, Console.WriteLine).GetAwaiter().GetResult();
            }
            return ExitCodes.Ok;
        }));
        var cmd = new Command("data", "Data sets.");
        cmd.Subcommands.Add(fetch);
        return cmd;
    }
}
