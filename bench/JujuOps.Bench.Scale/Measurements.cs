using System.Diagnostics;
using System.Globalization;

namespace JujuOps.Bench.Scale;

/// <summary>Wall time, CPU time and peak resident memory of this process over one phase.</summary>
internal sealed class Measurement
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

    private Measurement()
    {
    }

    /// <summary>Starts a phase; on Linux also resets the kernel's peak-RSS mark so the peak is this phase's.</summary>
    public static Measurement Start()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return new Measurement();
    }

    public TimeSpan Wall => _wall.Elapsed;

    public TimeSpan Cpu => Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;

    /// <summary>VmHWM from /proc/self/status (peak RSS since the last reset), in MiB.</summary>
    public static double PeakRssMiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
