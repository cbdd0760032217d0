using System.Diagnostics;
using MannRl.Engine.Parallel;

namespace MannRl.Bench;

/// <summary>
/// Another process keeping one CPU busy, for the <c>steps</c> suite's contended scenario: the bench itself started as
/// <c>busy --cpu N --parent PID</c>, which pins itself to CPU N and spins until it is killed, its parent is gone or an
/// hour has passed (so that no spinner outlives a crashed suite on a shared machine).
/// </summary>
public sealed class BusyProcess : IDisposable
{
    private static readonly TimeSpan MaxLife = TimeSpan.FromHours(1);
    private readonly Process _process;

    private BusyProcess(Process process, int cpu)
    {
        _process = process;
        Cpu = cpu;
    }

    /// <summary>The CPU kept busy (-1: not pinned, where pinning is not available).</summary>
    public int Cpu { get; }

    /// <summary>Starts a spinner on the last CPU this process may use.</summary>
    public static BusyProcess Start()
    {
        var cpus = CpuAffinity.AllowedCpus();
        int cpu = cpus.Length > 0 ? cpus[^1] : -1;
        var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(psi.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            psi.ArgumentList.Add(typeof(BusyProcess).Assembly.Location);
        foreach (string a in new[] { "busy", "--cpu", cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), "--parent", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the busy process");
        Thread.Sleep(200); // let it start spinning before anything is measured
        return new BusyProcess(process, cpu);
    }

    /// <summary>Stops the spinner.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }

    /// <summary>The <c>busy</c> suite: spins on the CPU given until killed, the parent is gone or an hour has passed.</summary>
    public static int Run(string[] args)
    {
        int cpu = -1, parent = -1;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--cpu") cpu = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            else if (args[i] == "--parent") parent = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
        }
        if (cpu >= 0) CpuAffinity.PinCurrentThread([cpu]);
        var life = Stopwatch.StartNew();
        long spins = 0;
        while (life.Elapsed < MaxLife)
        {
            for (int i = 0; i < 1_000_000; i++) spins += i ^ (spins >> 3);
            if (parent > 0 && !Alive(parent)) break;
        }
        return spins == 42 ? 1 : 0;
    }

    private static bool Alive(int pid)
    {
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
