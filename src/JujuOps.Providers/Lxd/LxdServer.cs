using System.Text.Json.Nodes;

namespace JujuOps.Providers.Lxd;

/// <summary>
/// What an LXD server says about itself on <c>GET /1.0</c>: its version, the architectures it runs and whether it
/// can run virtual machines (its drivers include <c>qemu</c>). Read once per reconcile, for the checks Juju makes on
/// connect (<c>validateServer</c>) and for the arch and virt-type constraints.
/// </summary>
/// <param name="Version">LXD's <c>server_version</c>, e.g. <c>5.0.2</c>.</param>
/// <param name="Architectures">The host's architectures in Juju's names (<c>amd64</c>), the host's own first.</param>
/// <param name="Drivers">The instance drivers, e.g. <c>lxc</c> or <c>lxc | qemu</c>.</param>
public sealed record LxdServer(string Version, IReadOnlyList<string> Architectures, string Drivers)
{
    /// <summary>The oldest LXD API Juju 3.6 accepts.</summary>
    public const string MinimumVersion = "5.0";

    /// <summary>True when the server has the qemu driver, so <c>virt-type=virtual-machine</c> can be honoured.</summary>
    public bool VirtualMachines => Drivers.Contains("qemu", StringComparison.Ordinal);

    /// <summary>The host's own architecture, which Juju picks the image for.</summary>
    public string HostArch => Architectures.Count > 0 ? Architectures[0] : "amd64";

    /// <summary>For the controller's status: <c>LXD 5.0.2 (virtual machines: no, drivers: lxc)</c>.</summary>
    public string Describe() => $"LXD {Version} (virtual machines: {(VirtualMachines ? "yes" : "no")}, drivers: {Drivers})";

    /// <summary>Juju's refusal of an LXD older than 5.0, or null.</summary>
    public string? VersionProblem() =>
        System.Version.TryParse(Version.Split('-')[0], out var version) && version < new Version(5, 0)
            ? $"LXD version has to be at least \"{MinimumVersion}\", but current version is only \"{Version}\""
            : null;

    public static async Task<LxdServer> ReadAsync(LxdClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var server = await client.GetAsync("/1.0", cancellationToken).ConfigureAwait(false);
        return From(server);
    }

    /// <summary>The server from its <c>/1.0</c> metadata.</summary>
    public static LxdServer From(JsonNode? server)
    {
        var environment = server?["environment"];
        var arches = environment?["architectures"]?.AsArray().Select(a => LxdArchitectures.ToJuju(a!.GetValue<string>())).OfType<string>().Distinct().ToList() ?? [];
        return new LxdServer(
            environment?["server_version"]?.GetValue<string>() ?? server?["api_version"]?.GetValue<string>() ?? "unknown",
            arches,
            environment?["driver"]?.GetValue<string>() ?? "");
    }
}

/// <summary>Juju's architecture names and LXD's (the kernel's) for the same thing.</summary>
public static class LxdArchitectures
{
    private static readonly Dictionary<string, string> JujuToLxd = new(StringComparer.Ordinal)
    {
        ["amd64"] = "x86_64",
        ["arm64"] = "aarch64",
        ["ppc64el"] = "ppc64le",
        ["s390x"] = "s390x",
        ["riscv64"] = "riscv64",
    };

    /// <summary>LXD's name for a Juju arch, or null when Juju has no such arch.</summary>
    public static string? ToLxd(string jujuArch) => JujuToLxd.GetValueOrDefault(jujuArch);

    /// <summary>Juju's name for an LXD arch, or null for one Juju does not run on (e.g. <c>i686</c>).</summary>
    public static string? ToJuju(string lxdArch) => JujuToLxd.FirstOrDefault(p => p.Value == lxdArch).Key;
}
