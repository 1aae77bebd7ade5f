using System.Globalization;

namespace JujuOps.Bench.Models;

/// <summary>CPU time and peak resident memory of another process, from <c>/proc</c>: the operator's alone, not the benchmark's.</summary>
internal static class ProcessFigures
{
    // USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>VmHWM (the kernel's peak RSS mark) and VmRSS, in MiB.</summary>
    public static (double Peak, double Current) RssMiB(int pid)
    {
        double peak = 0, current = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                peak = Kilobytes(line) / 1024.0;
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                current = Kilobytes(line) / 1024.0;
        }
        return (peak, current);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line[(line.IndexOf(':') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
