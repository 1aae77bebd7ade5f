using System.Globalization;
using System.Text.Json.Nodes;
using JujuOps.Domain.Constraints;

namespace JujuOps.Providers.Lxd;

/// <summary>
/// A Juju machine as an LXD instance, the way Juju's LXD provider makes it (reference §14.2–14.5): its name, Juju's
/// <c>user.*</c> keys, and the constraints as LXD's own limits (<c>limits.memory</c>, <c>limits.cpu</c>, the root disk
/// size, the architecture, container or virtual machine). Pure: the provider fetches, asks, and acts.
/// </summary>
public static class LxdInstances
{
    public const string ModelUuidKey = "user.juju-model-uuid";
    public const string ControllerUuidKey = "user.juju-controller-uuid";
    public const string MachineIdKey = "user.juju-machine-id";

    /// <summary>Our ownership key: the Juju machine id, which the instance name cannot hold exactly (<c>/</c> becomes <c>-</c>).</summary>
    public const string MachineKey = "user.jujuops.machine";

    /// <summary>The merged constraints at creation: Juju keeps them with the machine, and hand edits are put back to them.</summary>
    public const string ConstraintsKey = "user.jujuops.constraints";

    /// <summary>The machine's own declaration (its constraints and base): when it changes, the machine is made again.</summary>
    public const string DeclarationKey = "user.jujuops.declaration";

    /// <summary>The last 6 hex digits of a UUID, as Juju names instances.</summary>
    public static string ShortUuid(string uuid)
    {
        ArgumentNullException.ThrowIfNull(uuid);
        var hex = uuid.Replace("-", "", StringComparison.Ordinal);
        return hex.Length <= 6 ? hex : hex[^6..];
    }

    /// <summary><c>juju-&lt;6 hex&gt;-&lt;machine id with / as -&gt;</c>, e.g. <c>juju-3e2a1f-0</c>.</summary>
    public static string NameFor(string modelUuid, string machineId)
    {
        ArgumentNullException.ThrowIfNull(machineId);
        return $"juju-{ShortUuid(modelUuid)}-{machineId.Replace('/', '-')}";
    }

    /// <summary>The machine's declaration as stored on its instance.</summary>
    public static string Declaration(MachineSpecification machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return $"{machine.Declared} base={machine.Base}".TrimStart();
    }

    /// <summary>
    /// The machine id of an instance this model made (it carries the model's UUID and our machine key), or null for
    /// any other instance, which is never touched.
    /// </summary>
    public static string? OwnMachine(JsonNode? instance, ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var config = instance?["config"];
        return config?[ModelUuidKey]?.GetValue<string>() == identity.ModelUuid ? config?[MachineKey]?.GetValue<string>() : null;
    }

    /// <summary>
    /// The <c>POST /1.0/instances</c> body for <paramref name="machine"/>, or Juju's refusal when the constraints cannot
    /// be honoured by this server (an arch it lacks, a virtual machine without qemu, an unknown virt-type).
    /// </summary>
    public static (JsonObject? Request, string? Problem) Request(ModelIdentity identity, MachineSpecification machine, LxdServer server)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(server);
        var constraints = machine.Constraints;
        if (constraints.VirtType is { Length: > 0 } virt && virt is not ("container" or "virtual-machine"))
            return (null, $"LXD VirtType \"{virt}\" not valid");
        var virtualMachine = constraints.VirtType == "virtual-machine";
        if (virtualMachine && !server.VirtualMachines)
        {
            return (null, $"cannot make machine {machine.Id} a virtual machine: this LXD server cannot run virtual machines " +
                $"(its instance drivers: {server.Drivers}; KVM and qemu are needed); use virt-type=container");
        }

        var arch = constraints.Arch;
        if (arch is { Length: > 0 } && !server.Architectures.Contains(arch, StringComparer.Ordinal))
            return (null, $"invalid constraint value: arch={arch}\nvalid values are: [{string.Join(' ', server.Architectures.Order(StringComparer.Ordinal))}]");

        var config = Limits(constraints);
        config[ModelUuidKey] = identity.ModelUuid;
        config[ControllerUuidKey] = identity.ControllerUuid;
        config[MachineIdKey] = $"{identity.Name}-machine-{machine.Id.Replace('/', '-')}";
        config[MachineKey] = machine.Id;
        config[ConstraintsKey] = constraints.ToString();
        config[DeclarationKey] = Declaration(machine);
        var request = new JsonObject
        {
            ["name"] = NameFor(identity.ModelUuid, machine.Id),
            ["type"] = virtualMachine ? "virtual-machine" : "container",
            ["source"] = new JsonObject { ["type"] = "image", ["alias"] = ImageAlias(machine.Base, arch is { Length: > 0 } ? arch : server.HostArch, virtualMachine) },
            ["config"] = new JsonObject([.. config.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
            ["devices"] = RootDisk(constraints) is { } root ? new JsonObject { ["root"] = root } : new JsonObject(),
            // Juju's profiles: the server's default, then the model's own.
            ["profiles"] = new JsonArray("default", LxdModelProfile.NameFor(identity)),
        };
        if (arch is { Length: > 0 })
            request["architecture"] = LxdArchitectures.ToLxd(arch);
        if (constraints.InstanceType is { Length: > 0 } instanceType)
            request["instance_type"] = instanceType; // Juju passes it verbatim: LXD interprets it.
        return (request, null);
    }

    /// <summary>Juju's local image alias for a base: <c>juju/ubuntu@24.04/amd64</c>, with <c>/vm</c> for a virtual machine.</summary>
    public static string ImageAlias(string @base, string arch, bool virtualMachine) => $"juju/{@base}/{arch}{(virtualMachine ? "/vm" : "")}";

    /// <summary>
    /// The instance keys the constraints own: <c>cores=N</c> is <c>limits.cpu=N</c>, <c>mem=N</c> (MiB) is
    /// <c>limits.memory=NMiB</c>; null where the constraints set nothing (LXD's own default, no limit).
    /// </summary>
    public static Dictionary<string, string?> Limits(Constraints constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["limits.cpu"] = constraints.Cores is { } cores ? cores.ToString(CultureInfo.InvariantCulture) : null,
            ["limits.memory"] = constraints.Mem is { } mem ? mem.ToString(CultureInfo.InvariantCulture) + "MiB" : null,
        };
    }

    /// <summary>The root disk device for <c>root-disk</c> / <c>root-disk-source</c>, or null to keep the profile's.</summary>
    public static JsonObject? RootDisk(Constraints constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        if (constraints.RootDisk is null && string.IsNullOrEmpty(constraints.RootDiskSource))
            return null;
        var device = new JsonObject
        {
            ["type"] = "disk",
            ["path"] = "/",
            ["pool"] = string.IsNullOrEmpty(constraints.RootDiskSource) ? "default" : constraints.RootDiskSource,
        };
        if (constraints.RootDisk is { } size)
            device["size"] = size.ToString(CultureInfo.InvariantCulture) + "MiB";
        return device;
    }

    /// <summary>
    /// The hardware Juju records for an LXD machine, read back from the instance: arch, cores from <c>limits.cpu</c>
    /// and mem from <c>limits.memory</c> (0 when unset), root-disk when the root device has a size, and virt-type.
    /// </summary>
    public static (string Hardware, int Cores) Hardware(JsonNode instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var config = instance["config"];
        var arch = LxdArchitectures.ToJuju(instance["architecture"]?.GetValue<string>() ?? "") ?? instance["architecture"]?.GetValue<string>() ?? "unknown";
        var cores = int.TryParse(config?["limits.cpu"]?.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
        var mem = Mebibytes(config?["limits.memory"]?.GetValue<string>());
        var text = string.Create(CultureInfo.InvariantCulture, $"arch={arch} cores={cores} mem={mem}M");
        if (Mebibytes(instance["expanded_devices"]?["root"]?["size"]?.GetValue<string>()) is > 0 and var disk)
            text += string.Create(CultureInfo.InvariantCulture, $" root-disk={disk}M");
        var type = instance["type"]?.GetValue<string>() ?? "container";
        return (text + " virt-type=" + type, cores);
    }

    /// <summary>An LXD size (<c>512MiB</c>, <c>1GB</c>, <c>1073741824</c>) in MiB; 0 when unset or relative (<c>50%</c>).</summary>
    public static ulong Mebibytes(string? size)
    {
        if (string.IsNullOrEmpty(size))
            return 0;
        var digits = size.TakeWhile(char.IsAsciiDigit).Count();
        if (digits == 0 || !ulong.TryParse(size.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return 0;
        decimal bytes = size[digits..] switch
        {
            "" or "B" => number,
            "kB" => number * 1000m,
            "MB" => number * 1000_000m,
            "GB" => number * 1000_000_000m,
            "TB" => number * 1000_000_000_000m,
            "KiB" => number * 1024m,
            "MiB" => number * 1024m * 1024,
            "GiB" => number * 1024m * 1024 * 1024,
            "TiB" => number * 1024m * 1024 * 1024 * 1024,
            _ => 0,
        };
        return (ulong)(bytes / (1024 * 1024));
    }
}
