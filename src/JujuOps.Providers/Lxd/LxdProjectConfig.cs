using System.Globalization;
using System.Text.Json.Nodes;

namespace JujuOps.Providers.Lxd;

/// <summary>
/// The LXD project a model gets of its own (our extension for isolation: Juju itself never creates one): its name,
/// the keys that prove it is the model's, and its <c>limits.*</c> from the model's optional aggregate budget, which LXD
/// enforces itself (an instance over it is refused with <c>Reached maximum aggregate value ...</c>).
/// Images and profiles come from the default project, so the server's images and its <c>default</c> profile's root
/// disk serve every model.
/// </summary>
public static class LxdProjectConfig
{
    /// <summary>The project keys a model's project budget owns; others (set by hand) are left as they are.</summary>
    public static IReadOnlyList<string> BudgetKeys { get; } = ["limits.memory", "limits.cpu", "limits.instances", "limits.disk"];

    /// <summary>
    /// <c>juju-&lt;model&gt;-&lt;last 6 hex of the model UUID&gt;</c>: readable, and two models of one name on two
    /// controllers (different UUIDs) never meet in one project.
    /// </summary>
    public static string NameFor(ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return $"juju-{identity.Name}-{LxdInstances.ShortUuid(identity.ModelUuid)}";
    }

    /// <summary>The config of a new project for the model.</summary>
    public static JsonObject Create(ModelIdentity identity, ModelBudget? budget)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var config = new JsonObject
        {
            ["features.images"] = "false",
            ["features.profiles"] = "false",
            [LxdInstances.ModelUuidKey] = identity.ModelUuid,
            [LxdInstances.ControllerUuidKey] = identity.ControllerUuid,
        };
        foreach (var (key, value) in Limits(budget))
        {
            if (value is not null)
                config[key] = value;
        }

        return config;
    }

    /// <summary>
    /// A model's project config as it should be now: what it has, with the budget's limits (a key the budget no longer
    /// sets removed) and the model's controller.
    /// </summary>
    public static JsonObject Updated(JsonNode? stored, ModelIdentity identity, ModelBudget? budget)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var config = stored is JsonObject existing ? (JsonObject)existing.DeepClone() : [];
        foreach (var (key, value) in Limits(budget))
        {
            if (value is null)
                config.Remove(key);
            else
                config[key] = value;
        }

        config[LxdInstances.ControllerUuidKey] = identity.ControllerUuid;
        return config;
    }

    /// <summary>
    /// Each budget key with its value, or null for a key the budget does not set (to be removed). Memory and disk are
    /// bytes; CPU is whole CPUs (LXD counts CPUs), rounded up so a budget of 2500m still admits 2.5 CPUs' worth;
    /// volumes have no LXD project limit (see <see cref="VolumeOverBudget"/>).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Limits(ModelBudget? budget) =>
    [
        new("limits.memory", Bytes(budget?.Memory)),
        new("limits.cpu", budget?.Cpu is { } cpu ? Whole(Math.Ceiling(cpu.Value)) : null),
        new("limits.instances", budget?.Instances is { } count ? count.ToString(CultureInfo.InvariantCulture) : null),
        new("limits.disk", Bytes(budget?.Storage)),
    ];

    /// <summary>
    /// <c>budget.volumes</c>, which LXD cannot enforce: a project's <c>limits.*</c> cap instances, CPU, memory, disk bytes,
    /// processes and networks, never the number of volumes. So the provider counts: a volume the model lacks is made only
    /// while the model has fewer than the budget (its volumes that exist always stay). Returns the refusal, in the words
    /// LXD uses for its own aggregate limits, or null when the volume fits.
    /// </summary>
    public static string? VolumeOverBudget(ModelBudget? budget, int modelVolumes, string project) =>
        budget?.Volumes is { } most && modelVolumes >= most
            ? string.Create(CultureInfo.InvariantCulture, $"Reached maximum aggregate value \"{most}\" for \"budget.volumes\" in project \"{project}\" (the model has {modelVolumes} volume(s); LXD has no project limit on the number of volumes, so the operator counts them)")
            : null;

    /// <summary>True when the project carries <paramref name="identity"/>'s model UUID: it is that model's own.</summary>
    public static bool IsOwnedBy(JsonNode? project, ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return project?["config"]?[LxdInstances.ModelUuidKey]?.GetValue<string>() == identity.ModelUuid;
    }

    /// <summary>
    /// A size in LXD's spelling, kept close to the user's so LXD's refusals quote it recognisably: <c>8Gi</c> is
    /// <c>8GiB</c>, <c>2G</c> is <c>2GB</c>; anything else (e.g. milli-bytes) is whole bytes, rounded up.
    /// </summary>
    public static string? Bytes(Domain.Quantities.Quantity? quantity)
    {
        if (quantity is null)
            return null;
        var canonical = quantity.Canonical;
        var digits = canonical.TakeWhile(char.IsAsciiDigit).Count();
        return canonical[digits..] switch
        {
            "" => canonical + "B",
            "k" => canonical[..digits] + "kB",
            "Ki" or "Mi" or "Gi" or "Ti" or "Pi" or "Ei" or "M" or "G" or "T" or "P" or "E" when digits > 0 => canonical + "B",
            _ => Whole(Math.Ceiling(quantity.Value)) + "B",
        };
    }

    private static string Whole(decimal value) => value.ToString("0", CultureInfo.InvariantCulture);
}
