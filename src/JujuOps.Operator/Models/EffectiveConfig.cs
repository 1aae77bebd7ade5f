using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain;
using JujuOps.Domain.Configuration;
using JujuOps.Domain.Defaults;
using JujuOps.Operator.Defaults;
using ApiConfigSource = JujuOps.Api.V1Alpha1.Models.ConfigSource;
using DomainConfigSource = JujuOps.Domain.Defaults.ConfigSource;

namespace JujuOps.Operator.Models;

/// <summary>
/// A model's config with the source of every value, kept in <c>status.effectiveConfig</c>. At creation the
/// inherited layers are copied in (add-model); afterwards only the spec's keys change it: a key in the spec is
/// <c>model-config k=v</c>, a key that left the spec is <c>model-config --reset k</c> and takes the value inherited
/// at that moment (reference §2.6, §3.1). Later defaults therefore never reach an existing model.
/// </summary>
public static class EffectiveConfig
{
    /// <summary>Keys Juju writes itself at creation; the spec may not set them and they are never reset.</summary>
    private static readonly HashSet<string> SystemKeys = new(StringComparer.Ordinal) { "name", "type", "uuid", "agent-version" };

    /// <summary>The model's identity keys as Juju stores them in every model's config.</summary>
    public sealed record SystemValues(string Name, string ProviderType, string Uuid, string AgentVersion);

    /// <summary>The refusals of add-model and model-config for keys the spec must not hold.</summary>
    public static void CheckSpecKeys(IReadOnlyDictionary<string, string> spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ContainsKey("uuid"))
            throw new JujuValidationException("uuid is generated, you cannot specify one");
        if (spec.ContainsKey("name"))
            throw new JujuValidationException("name must not be specified in config");
        if (spec.ContainsKey("type"))
            throw new JujuValidationException("type cannot be changed");
        foreach (var key in spec.Keys.Order(StringComparer.Ordinal))
            ModelConfigCatalog.CheckSettable(key);
    }

    /// <summary>The config of a new model: Juju's defaults &lt; controller &lt; region &lt; the spec, plus the identity keys.</summary>
    public static Result Create(DefaultsLayers layers, IReadOnlyDictionary<string, string> spec, SystemValues system)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(system);
        CheckSpecKeys(spec);
        var config = new Dictionary<string, string>(spec, StringComparer.Ordinal)
        {
            ["name"] = system.Name,
            ["type"] = system.ProviderType,
            ["uuid"] = system.Uuid,
            ["agent-version"] = system.AgentVersion,
        };
        var settings = ModelSettings.Create(layers.Layers, config);
        return new Result(Entries(settings, key => layers.References.GetValueOrDefault(key)), settings.Warnings);
    }

    /// <summary>
    /// An existing model's config after the spec changed: every spec key is set (a no-op when equal), every key the
    /// spec managed before (source <c>model</c>) and no longer holds is reset against today's <paramref name="layers"/>.
    /// </summary>
    public static Result Update(ModelConfigCatalog catalog, IReadOnlyList<ConfigEntry> stored, DefaultsLayers layers, IReadOnlyDictionary<string, string> spec)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(layers);
        CheckSpecKeys(spec);
        var current = Restore(catalog, stored);
        var reset = stored
            .Where(e => e.Source == ApiConfigSource.Model && !SystemKeys.Contains(e.Key) && !spec.ContainsKey(e.Key))
            .Select(e => e.Key)
            .ToList();
        var updated = current.Update(spec, reset, layers.Layers);
        var previousReferences = stored.Where(e => e.DefaultsRef is not null).ToDictionary(e => e.Key, e => e.DefaultsRef!, StringComparer.Ordinal);
        return new Result(
            Entries(updated, key => reset.Contains(key) ? layers.References.GetValueOrDefault(key) : previousReferences.GetValueOrDefault(key)),
            updated.Warnings);
    }

    /// <summary>
    /// The stored entries as domain settings: each value goes back into the layer it came from, so composing them
    /// again yields the same values with the same sources.
    /// </summary>
    private static ModelSettings Restore(ModelConfigCatalog catalog, IReadOnlyList<ConfigEntry> stored)
    {
        Dictionary<string, string> Layer(string source) => stored
            .Where(e => e.Source == source)
            .ToDictionary(e => e.Key, e => e.Value ?? "", StringComparer.Ordinal);
        var layers = new ConfigDefaults(catalog, Layer(ApiConfigSource.Controller), Layer(ApiConfigSource.Region));
        return ModelSettings.Create(layers, Layer(ApiConfigSource.Model));
    }

    private static List<ConfigEntry> Entries(ModelSettings settings, Func<string, string?> reference) =>
    [
        .. settings.Values
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new ConfigEntry
            {
                Key = pair.Key,
                // An empty value is stored as no value: some API servers (our 1.20 test cluster) refuse "" in a
                // custom resource, and "no value" reads back as the empty string.
                Value = pair.Value.Value.Length == 0 ? null : pair.Value.Value,
                Source = pair.Value.Source.ToJujuString(),
                DefaultsRef = pair.Value.Source is DomainConfigSource.Controller or DomainConfigSource.Region ? reference(pair.Key) : null,
            }),
    ];

    /// <summary>The entries to store and Juju's warnings about unknown keys.</summary>
    public sealed record Result(List<ConfigEntry> Entries, IReadOnlyList<ConfigWarning> Warnings);
}
