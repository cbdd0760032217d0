using System.Globalization;

namespace MannRl.Bench;

/// <summary>Peak resident memory from /proc (Linux): VmHWM, the high-water mark of the resident set.</summary>
public static class ProcessMemory
{
    /// <summary>VmHWM of this process in bytes, or null where /proc is missing.</summary>
    public static long? PeakResidentBytes() => PeakResidentBytes("/proc/self/status");

    /// <summary>VmHWM of process <paramref name="pid"/> in bytes, or null when it cannot be read (gone, no /proc).</summary>
    public static long? PeakResidentBytes(int pid) => PeakResidentBytes($"/proc/{pid}/status");

    private static long? PeakResidentBytes(string statusPath)
    {
        try
        {
            foreach (string line in File.ReadLines(statusPath))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries); // "VmHWM:", value, "kB"
                return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
