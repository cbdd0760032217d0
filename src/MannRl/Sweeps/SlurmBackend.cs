using System.Globalization;
using MannRl.IO;

namespace MannRl.Sweeps;

/// <summary>
/// Runs a sweep on a Slurm cluster: writes a job array's batch script into <c>OUTDIR/slurm/</c> for the runs not done
/// and not already queued or running, submits it with <c>sbatch</c> and records the job id in
/// <c>OUTDIR/slurm/jobs.json</c>.
/// </summary>
public static class SlurmBackend
{
    /// <summary>The runs to submit: every run neither done nor queued nor running (by the records, locks and squeue).</summary>
    public static IReadOnlyList<int> RunsToSubmit(string sweepDirectory, SweepManifest manifest)
    {
        var slurm = SlurmQueue.Read(SlurmSubmission.ReadAll(sweepDirectory));
        return RunStatus.ReadAll(sweepDirectory, manifest, slurm)
            .Where(s => s.State is RunState.Pending or RunState.Interrupted or RunState.Failed)
            .Select(s => s.Run.Index).ToList();
    }

    /// <summary>Writes the script for <paramref name="indices"/>, submits it and records the job; returns the submission.</summary>
    public static SlurmSubmission Submit(string sweepDirectory, IReadOnlyList<int> indices, SlurmOptions options, MannrlCommand mannrl)
    {
        if (!ExternalCommand.OnPath("sbatch"))
            throw new SweepException("sbatch is not on PATH: run this on a Slurm login node, or use --backend local");
        string dir = Path.GetFullPath(sweepDirectory);
        int count = SlurmSubmission.ReadAll(dir).Count + 1;
        string script = Path.Combine("slurm", $"submit-{count.ToString(CultureInfo.InvariantCulture)}.sbatch");
        string scriptPath = Path.Combine(dir, script);
        AtomicFile.WriteText(scriptPath, SlurmBatchScript.Text(dir, indices, options, mannrl));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(scriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var result = ExternalCommand.Run("sbatch", ["--parsable", scriptPath], TimeSpan.FromMinutes(2), dir)
            ?? throw new SweepException("sbatch could not be started; check the Slurm installation, or use --backend local");
        string answer = result.Out.Trim();
        string jobId = answer.Split(';')[0];
        if (result.ExitCode != 0 || jobId.Length == 0 || !jobId.All(char.IsAsciiDigit))
            throw new IOException($"sbatch refused the job array ({FirstLine(result.Error, answer)}); the script is {scriptPath}");
        var submission = new SlurmSubmission(jobId, indices, script, DateTimeOffset.Now);
        SlurmSubmission.Append(dir, submission);
        return submission;
    }

    private static string FirstLine(string error, string output)
    {
        string text = (error.Trim().Length > 0 ? error : output).Trim();
        return text.Length == 0 ? "no message" : text.Split('\n')[0];
    }
}
