using System.Globalization;
using System.Text;
using MannRl.Reports.Memory;

namespace MannRl.Tests.Reports;

/// <summary>Made-up run directories and traces for the figure and report tests (no training).</summary>
public static class SampleRuns
{
    /// <summary>Writes a run directory with <paramref name="epochs"/> evaluations and the given config lines.</summary>
    public static string Write(string root, string name, int epochs, bool answers, string configLines, double shift = 0)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        var csv = new StringBuilder("epoch,split,micro_precision,micro_recall,micro_f1,weighted_precision,weighted_recall,weighted_f1,answer_accuracy,action_loss,memory_loss,elapsed_seconds\n");
        for (int e = 1; e <= epochs; e++)
        {
            foreach (var split in new[] { "train", "validation" })
            {
                double f1 = Math.Min(0.99, 0.5 + 0.4 * (1 - Math.Exp(-e / 5.0)) + shift - (split == "validation" ? 0.05 : 0));
                string a = answers ? (f1 - 0.1).ToString("R", CultureInfo.InvariantCulture) : "";
                string loss = (2.0 / e).ToString("R", CultureInfo.InvariantCulture);
                csv.Append(CultureInfo.InvariantCulture, $"{e},{split},{f1},{f1},{f1},{f1},{f1},{f1},{a},{loss},{0.01 / e},{e * 0.5:F3}\n");
            }
        }
        File.WriteAllText(Path.Combine(dir, "metrics.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(dir, "config.yaml"), "# effective mannrl config (from test)\ndataset: \"logic\"\n" + configLines);
        return dir;
    }

    /// <summary>A trace of <paramref name="steps"/> steps over <paramref name="units"/> units; unit u varies with u.</summary>
    public static MemoryTrace Trace(int steps, int units, int errorsEvery = 5)
    {
        string[] targets = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "T", "F", "?"];
        string[] inputs = ["0", "1", "2", "3", "+", "-", "*", "|", "=", " "];
        var memory = new float[steps * units];
        for (int t = 0; t < steps; t++)
            for (int u = 0; u < units; u++)
                memory[t * units + u] = 0.5f + 0.5f * MathF.Sin(t * (u + 1) * 0.001f) * (u % 2 == 0 ? 1 : 0.01f);
        int c = targets.Length;
        var probabilities = new float[steps * c];
        var target = new int[steps];
        var predicted = new int[steps];
        var input = new int[steps];
        for (int t = 0; t < steps; t++)
        {
            target[t] = t % c;
            predicted[t] = t % errorsEvery == errorsEvery - 1 ? (t + 1) % c : target[t];
            input[t] = t % inputs.Length;
            probabilities[t * c + predicted[t]] = 0.9f;
            probabilities[t * c + (predicted[t] + 1) % c] = 0.1f;
        }
        return new MemoryTrace(7, "validation", units, memory, probabilities, target, predicted, input, targets, inputs);
    }
}
