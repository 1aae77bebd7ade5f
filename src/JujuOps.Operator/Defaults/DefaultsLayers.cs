using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Domain;
using JujuOps.Domain.Configuration;
using JujuOps.Domain.Defaults;
using k8s.Models;

namespace JujuOps.Operator.Defaults;

/// <summary>
/// The inherited layers of a model on one controller, cloud and region, built from the ModelDefaults objects: the
/// controller-wide ones, overridden by the cloud's, form Juju's "controller" layer; the region's form the "region"
/// layer. Objects in conflict or with values Juju would refuse are left out: their own status says why.
/// </summary>
public sealed class DefaultsLayers
{
    private DefaultsLayers(ConfigDefaults layers, IReadOnlyDictionary<string, string> references)
    {
        Layers = layers;
        References = references;
    }

    /// <summary>The domain's layers for <see cref="ModelSettings"/>.</summary>
    public ConfigDefaults Layers { get; }

    /// <summary>For each inherited key, the ModelDefaults object that supplied the winning value.</summary>
    public IReadOnlyDictionary<string, string> References { get; }

    public static DefaultsLayers For(ModelConfigCatalog catalog, string controller, string cloud, string? region, IEnumerable<ModelDefaults> all)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var usable = all.Where(d => IsUsable(catalog, d, all)).ToList();
        var controllerWide = usable.Where(d => Matches(d, controller, cloud: null, region: null));
        var cloudWide = usable.Where(d => Matches(d, controller, cloud, region: null));
        var regional = region is null ? [] : usable.Where(d => Matches(d, controller, cloud, region));

        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        var controllerLayer = Flatten([.. controllerWide, .. cloudWide], references);
        var regionLayer = Flatten(regional, references);
        return new DefaultsLayers(new ConfigDefaults(catalog, controllerLayer, regionLayer), references);
    }

    private static bool Matches(ModelDefaults defaults, string controller, string? cloud, string? region) =>
        DefaultsScope.Of(defaults) == new DefaultsScope(controller, cloud, region);

    private static bool IsUsable(ModelConfigCatalog catalog, ModelDefaults defaults, IEnumerable<ModelDefaults> all)
    {
        if (defaults.Metadata.DeletionTimestamp is not null || DefaultsConflicts.Rivals(defaults, all).Count > 0)
            return false;
        try
        {
            catalog.ValidateDefaults(defaults.Spec.Config);
            return true;
        }
        catch (JujuValidationException)
        {
            return false;
        }
    }

    // Later objects win, so the cloud's values override the controller-wide ones in the same layer.
    private static Dictionary<string, string> Flatten(IEnumerable<ModelDefaults> objects, Dictionary<string, string> references)
    {
        var layer = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var defaults in objects)
        {
            foreach (var (key, value) in defaults.Spec.Config)
            {
                layer[key] = value;
                references[key] = defaults.Name();
            }
        }

        return layer;
    }
}
