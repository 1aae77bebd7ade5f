using System.Globalization;

namespace JujuOps.EndToEnd.Webhooks;

/// <summary>
/// A running container's limits as the kernel holds them, read from the host's cgroup files (the test node's
/// kubelet and containerd run on this machine, with the cgroupfs driver: the pod's cgroup is <c>pod&lt;uid&gt;</c>
/// somewhere under the node's root and QoS class, the container's is its containerd id). cgroup v1 or v2, whichever
/// the machine has.
/// </summary>
public sealed record ContainerCgroup(long MemoryLimitBytes, long CpuQuotaMicroseconds, long CpuPeriodMicroseconds)
{
    private const string Root = "/sys/fs/cgroup";

    /// <summary>The limits of container <paramref name="containerId"/> (its id without <c>containerd://</c>) of pod <paramref name="podUid"/>.</summary>
    public static ContainerCgroup Read(string podUid, string containerId)
    {
        if (File.Exists(Path.Combine(Root, "cgroup.controllers")))
        {
            var unified = Find(Root, podUid, containerId);
            var cpu = File.ReadAllText(Path.Combine(unified, "cpu.max")).Split(' ', StringSplitOptions.TrimEntries);
            return new ContainerCgroup(Number(File.ReadAllText(Path.Combine(unified, "memory.max"))), Number(cpu[0]), Number(cpu[1]));
        }

        var memory = Find(Path.Combine(Root, "memory"), podUid, containerId);
        var cpuDirectory = Find(Path.Combine(Root, "cpu"), podUid, containerId);
        return new ContainerCgroup(
            Number(File.ReadAllText(Path.Combine(memory, "memory.limit_in_bytes"))),
            Number(File.ReadAllText(Path.Combine(cpuDirectory, "cpu.cfs_quota_us"))),
            Number(File.ReadAllText(Path.Combine(cpuDirectory, "cpu.cfs_period_us"))));
    }

    /// <summary>The container's folder in one hierarchy; the pod's UID is unique, so the first match is the one.</summary>
    private static string Find(string hierarchy, string podUid, string containerId)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 5, IgnoreInaccessible = true };
        var pod = Directory.EnumerateDirectories(hierarchy, "pod" + podUid, options).FirstOrDefault()
            ?? throw new DirectoryNotFoundException($"no cgroup pod{podUid} under {hierarchy}");
        var container = Path.Combine(pod, containerId);
        return Directory.Exists(container) ? container : throw new DirectoryNotFoundException("no cgroup " + container);
    }

    /// <summary>A cgroup number; v2's <c>max</c> (no limit) reads as -1, as v1 writes it for the CPU quota.</summary>
    private static long Number(string text) =>
        text.Trim() == "max" ? -1 : long.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
}
