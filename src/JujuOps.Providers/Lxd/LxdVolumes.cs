using System.Globalization;
using System.Text.Json.Nodes;
using JujuOps.Domain.Bundles;
using JujuOps.Providers.Kubernetes.Applications;

namespace JujuOps.Providers.Lxd;

/// <summary>
/// One LXD custom volume the model declares: a storage instance of an application's unit (bundle <c>storage</c>) whose
/// unit is placed (<c>to</c>) on one of the model's machines, attached to that machine's instance as a disk device.
/// </summary>
/// <param name="Name">The volume's name, <c>juju-&lt;6 hex&gt;-&lt;app&gt;-&lt;unit&gt;-&lt;storage&gt;-&lt;n&gt;</c>.</param>
/// <param name="Pool">The LXD storage pool it lives in.</param>
/// <param name="MachineId">The machine whose instance it is attached to.</param>
/// <param name="Owner">The unit that owns it, <c>&lt;app&gt;/&lt;unit&gt;</c> (Juju's <c>juju-storage-owner</c>).</param>
/// <param name="Storage">The charm storage name, e.g. <c>data</c>.</param>
/// <param name="Index">Which of the unit's instances of that storage, from 0.</param>
/// <param name="SizeMiB">The directive's size.</param>
public sealed record LxdVolume(string Name, string Pool, string MachineId, string Owner, string Storage, int Index, ulong SizeMiB)
{
    /// <summary>The instance's disk device: the volume's name without the model prefix, which only this volume has.</summary>
    public string Device => Name[(Name.IndexOf('-', 5) + 1)..];

    /// <summary>Where it is mounted: Juju's storage directory, one folder per unit, storage and index.</summary>
    public string MountPath => string.Create(CultureInfo.InvariantCulture, $"/var/lib/juju/storage/{Owner.Replace('/', '-')}/{Storage}/{Index}");
}

/// <summary>
/// Juju storage on LXD as custom volumes (reference §14.8): which volumes a model declares, the volume and disk
/// device LXD is asked for, the keys that make a volume the model's, and what release writes on it. Pure: the provider
/// fetches, asks and acts.
/// </summary>
public static class LxdVolumes
{
    /// <summary>Juju's storage owner key (the unit), copied from the resource tags as Juju does.</summary>
    public const string StorageOwnerKey = "user.juju-storage-owner";

    /// <summary>Our key on a released volume: the name of the model it was released from.</summary>
    public const string ReleasedFromModelKey = "user.jujuops.released-from-model";

    /// <summary>Our key on a released volume: the UUID of the model it was released from.</summary>
    public const string ReleasedFromModelUuidKey = "user.jujuops.released-from-model-uuid";

    /// <summary>Juju's LXD storage pool name (its <c>lxd</c> provider's default pool).</summary>
    public const string JujuPool = "lxd";

    /// <summary>The LXD pool a volume goes to when the directive names Juju's <c>lxd</c> pool, or none.</summary>
    public const string DefaultLxdPool = "default";

    /// <summary>Where released volumes of a model's own project go: the project Juju itself uses, which outlives the model.</summary>
    public const string ReleaseProject = "default";

    /// <summary>
    /// The volumes the model declares, in application, unit, storage and index order: for each placed unit of an
    /// application with storage (<see cref="LxdUnits.Place"/>), <c>count</c> volumes of the directive's size on the
    /// unit's machine. A directive that does not parse is the plan's to refuse; here it is skipped.
    /// </summary>
    public static IReadOnlyList<LxdVolume> Declared(ModelSpecification model, UnitPlan placement)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(placement);
        var volumes = new List<LxdVolume>();
        foreach (var application in model.Applications.Where(a => a.Storage.Count > 0))
        {
            for (var unit = 0; unit < application.Units; unit++)
            {
                var owner = UnitPlacement.UnitName(application.Name, unit);
                if (placement.MachineOf(owner) is not { } machine)
                    continue;
                foreach (var (storage, text) in application.Storage.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    StorageDirective directive;
                    try
                    {
                        directive = StorageDirective.Parse(storage, text);
                    }
                    catch (FormatException)
                    {
                        continue;
                    }

                    for (var index = 0; index < directive.Count; index++)
                    {
                        var name = string.Create(CultureInfo.InvariantCulture,
                            $"juju-{LxdInstances.ShortUuid(model.Identity.ModelUuid)}-{application.Name}-{unit}-{storage}-{index}");
                        volumes.Add(new LxdVolume(name, PoolFor(directive.Pool), machine, owner, storage, index, directive.SizeMiB));
                    }
                }
            }
        }

        return volumes;
    }

    /// <summary>
    /// The LXD pool for a directive's pool: Juju's <c>lxd</c> pool (and no pool, Juju's default) is LXD's <c>default</c>
    /// pool, where the instances' root disks are; any other name is an LXD pool of that name, which must exist (Juju
    /// would create pools; we never create server-wide objects).
    /// </summary>
    public static string PoolFor(string? pool) => pool is null or JujuPool ? DefaultLxdPool : pool;

    /// <summary>
    /// The <c>POST /1.0/storage-pools/&lt;pool&gt;/volumes</c> body: a custom filesystem volume with Juju's keys and ours,
    /// sized unless the pool's driver is <c>dir</c>, which cannot hold a size (Juju leaves it out there too).
    /// </summary>
    public static JsonObject Request(ModelIdentity identity, LxdVolume volume, string driver)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(volume);
        var config = new JsonObject
        {
            [LxdInstances.ModelUuidKey] = identity.ModelUuid,
            [LxdInstances.ControllerUuidKey] = identity.ControllerUuid,
            [StorageOwnerKey] = volume.Owner,
            [LxdInstances.MachineKey] = volume.MachineId,
        };
        if (driver != "dir")
            config["size"] = string.Create(CultureInfo.InvariantCulture, $"{volume.SizeMiB}MiB");
        return new JsonObject { ["name"] = volume.Name, ["type"] = "custom", ["content_type"] = "filesystem", ["config"] = config };
    }

    /// <summary>The disk device that attaches <paramref name="volume"/> to its machine's instance (Juju's Attach).</summary>
    public static JsonObject Device(LxdVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return new JsonObject { ["type"] = "disk", ["pool"] = volume.Pool, ["source"] = volume.Name, ["path"] = volume.MountPath };
    }

    /// <summary>True when the device on an instance is <paramref name="volume"/>'s, as <see cref="Device"/> makes it.</summary>
    public static bool IsAttached(JsonNode? instance, LxdVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var device = instance?["devices"]?[volume.Device];
        return device?["source"]?.GetValue<string>() == volume.Name && device["pool"]?.GetValue<string>() == volume.Pool
            && device["path"]?.GetValue<string>() == volume.MountPath;
    }

    /// <summary>
    /// The disk devices on an instance that attach one of the model's volumes (as <see cref="Device"/> makes them: named
    /// after the volume without the model prefix, mounted in Juju's storage directory) other than
    /// <paramref name="volumes"/>: those of units that moved to another machine (or left), detached as Juju's Detach does.
    /// </summary>
    public static IReadOnlyList<string> StaleDevices(JsonNode? instance, ModelIdentity identity, IReadOnlyList<LxdVolume> volumes)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(volumes);
        var prefix = $"juju-{LxdInstances.ShortUuid(identity.ModelUuid)}-";
        return [.. (instance?["devices"]?.AsObject() ?? []).Where(device =>
                device.Value?["type"]?.GetValue<string>() == "disk"
                && device.Value["source"]?.GetValue<string>() is { } source && source == prefix + device.Key
                && device.Value["path"]?.GetValue<string>()?.StartsWith("/var/lib/juju/storage/", StringComparison.Ordinal) == true
                && !volumes.Any(v => v.Device == device.Key))
            .Select(device => device.Key)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>True for a custom volume that carries the model's UUID: the model's storage, which destroy disposes of.</summary>
    public static bool IsOwnedBy(JsonNode? volume, ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return volume?["type"]?.GetValue<string>() == "custom" && volume["config"]?[LxdInstances.ModelUuidKey]?.GetValue<string>() == identity.ModelUuid;
    }

    /// <summary>True for a custom volume released from the model (see <see cref="Released"/>).</summary>
    public static bool IsReleasedFrom(JsonNode? volume, ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return volume?["type"]?.GetValue<string>() == "custom" && volume["config"]?[ReleasedFromModelUuidKey]?.GetValue<string>() == identity.ModelUuid;
    }

    /// <summary>
    /// The config of a released volume (Juju's ReleaseFilesystems): without the model and controller UUIDs, so no model
    /// destroy sweeps it any more and <c>juju import-filesystem</c> would take it, and with our two keys that say where
    /// it came from. Everything else (size, the owner key) stays.
    /// </summary>
    public static JsonObject Released(JsonNode volumeConfig, ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(volumeConfig);
        ArgumentNullException.ThrowIfNull(identity);
        var config = volumeConfig.AsObject().DeepClone().AsObject();
        config.Remove(LxdInstances.ModelUuidKey);
        config.Remove(LxdInstances.ControllerUuidKey);
        config[ReleasedFromModelKey] = identity.Name;
        config[ReleasedFromModelUuidKey] = identity.ModelUuid;
        return config;
    }
}
