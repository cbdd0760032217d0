namespace MannRl.Sweeps;

/// <summary>
/// How to start the <c>mannrl</c> executable from outside this process (a local child, a Slurm task): a program and
/// the arguments that come before mannrl's own, e.g. <c>/usr/lib/dotnet/dotnet /path/mannrl.dll</c>.
/// </summary>
/// <param name="FileName">The program's full path.</param>
/// <param name="Prefix">Arguments before mannrl's (the CLI assembly when the program is the dotnet host).</param>
/// <param name="DotnetRoot">The .NET installation a framework-dependent app host needs (exported as DOTNET_ROOT), or null.</param>
public sealed record MannrlCommand(string FileName, IReadOnlyList<string> Prefix, string? DotnetRoot)
{
    /// <summary>Every argument for a <c>mannrl</c> command line: the prefix, then <paramref name="arguments"/>.</summary>
    public IReadOnlyList<string> With(params string[] arguments) => [.. Prefix, .. arguments];

    /// <summary>The files that must exist for the command to start (the program and a dll in the prefix).</summary>
    public IEnumerable<string> Files => Prefix.Where(a => a.EndsWith(".dll", StringComparison.Ordinal)).Prepend(FileName);
}
