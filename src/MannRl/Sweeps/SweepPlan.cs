namespace MannRl.Sweeps;

/// <summary>What re-running a sweep command into an OUTDIR does.</summary>
public enum SweepChangeKind
{
    /// <summary>No sweep there yet: all runs are new.</summary>
    New,

    /// <summary>The same runs as the manifest there: finished runs are skipped.</summary>
    Unchanged,

    /// <summary>The manifest's runs plus new ones (seeds or values added), appended with new indices.</summary>
    Extended,
}

/// <summary>The manifest to write and what changed; see <see cref="Make"/>.</summary>
/// <param name="Manifest">The manifest to run: the existing runs first, with their indices, then any new ones.</param>
/// <param name="Kind">New, unchanged or extended.</param>
/// <param name="Description">One line for the user, e.g. <c>extending the sweep: 5 new runs (seeds added: 6)</c>.</param>
public sealed record SweepPlan(SweepManifest Manifest, SweepChangeKind Kind, string Description)
{
    /// <summary>
    /// Compares a freshly expanded sweep with the manifest already in OUTDIR (null when there is none). Every existing
    /// run must still be in the sweep with the same config; otherwise results would mix and a
    /// <see cref="SweepException"/> says which run changed. Runs only in the new sweep extend it.
    /// </summary>
    public static SweepPlan Make(SweepManifest? existing, IReadOnlyList<SweepRun> runs, string sweepFile, string dataDirectory)
    {
        if (existing is null)
            return new SweepPlan(new SweepManifest(SweepManifest.CurrentFormat, sweepFile, dataDirectory, DateTimeOffset.Now, runs),
                SweepChangeKind.New, $"new sweep: {runs.Count} runs");
        if (existing.DataDirectory != dataDirectory)
            throw new SweepException($"the sweep there ran on data directory '{existing.DataDirectory}', not '{dataDirectory}'; "
                + "pass --data-dir with that directory, or use a new OUTDIR");
        var byName = runs.ToDictionary(r => r.Name);
        var problems = new List<string>();
        foreach (var old in existing.Runs)
        {
            if (!byName.TryGetValue(old.Name, out var now)) problems.Add($"run {old.Name} is no longer in the sweep");
            else if (now.Identity != old.Identity) problems.Add($"run {old.Name} has a different config now ({ConfigDifference(old, now)})");
        }
        if (problems.Count > 0)
            throw new SweepException($"the sweep file changed and would mix results with those in OUTDIR: {string.Join("; ", problems.Take(3))}"
                + (problems.Count > 3 ? $"; and {problems.Count - 3} more" : "")
                + ". Use a new OUTDIR, or restore the sweep file (OUTDIR/sweep.json lists the runs)");
        var known = existing.Runs.Select(r => r.Name).ToHashSet();
        var added = runs.Where(r => !known.Contains(r.Name)).ToList();
        if (added.Count == 0) return new SweepPlan(existing, SweepChangeKind.Unchanged, $"same sweep: {existing.Runs.Count} runs");
        var appended = added.Select((r, k) => r with { Index = existing.Runs.Count + k });
        var manifest = existing with { SweepFile = sweepFile, Runs = [.. existing.Runs, .. appended] };
        var oldSeeds = existing.Runs.Select(r => r.Seed).ToHashSet();
        var oldSettings = existing.Runs.Select(r => r.Setting).ToHashSet();
        var what = new List<string>();
        var seeds = added.Select(r => r.Seed).Where(s => !oldSeeds.Contains(s)).Distinct().ToList();
        var settings = added.Select(r => r.Setting).Where(s => !oldSettings.Contains(s)).Distinct().ToList();
        if (seeds.Count > 0) what.Add($"seeds added: {string.Join(", ", seeds)}");
        if (settings.Count > 0) what.Add($"settings added: {string.Join(", ", settings)}");
        return new SweepPlan(manifest, SweepChangeKind.Extended,
            $"extending the sweep: {added.Count} new runs ({string.Join("; ", what)}) after the {existing.Runs.Count} there");
    }

    private static string ConfigDifference(SweepRun old, SweepRun now)
    {
        static Dictionary<string, string> Keys(SweepRun r) => r.Identity.Split('\n')
            .Select(l => l.Split(": ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var a = Keys(old);
        var b = Keys(now);
        var changed = a.Keys.Union(b.Keys)
            .Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Select(k => $"{k}: {a.GetValueOrDefault(k) ?? "absent"} -> {b.GetValueOrDefault(k) ?? "absent"}")
            .ToList();
        return changed.Count == 0 ? "formatting" : string.Join(", ", changed.Take(4)) + (changed.Count > 4 ? ", ..." : "");
    }
}
