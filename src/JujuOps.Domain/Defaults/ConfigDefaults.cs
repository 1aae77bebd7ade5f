using JujuOps.Domain.Configuration;

namespace JujuOps.Domain.Defaults;

/// <summary>
/// The layers a model inherits from: Juju's defaults (from the catalog), the controller (cloud) defaults and the
/// region defaults. The controller and region layers are validated as <c>model-defaults</c> validates them.
/// </summary>
public sealed class ConfigDefaults
{
    private readonly IReadOnlyDictionary<string, string> controller;
    private readonly IReadOnlyDictionary<string, string> region;

    public ConfigDefaults(
        ModelConfigCatalog catalog,
        IReadOnlyDictionary<string, string>? controller = null,
        IReadOnlyDictionary<string, string>? region = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        var controllerLayer = catalog.ValidateDefaults(controller ?? new Dictionary<string, string>());
        var regionLayer = catalog.ValidateDefaults(region ?? new Dictionary<string, string>());
        this.controller = controllerLayer.Values;
        this.region = regionLayer.Values;
        Warnings = [.. controllerLayer.Warnings, .. regionLayer.Warnings];
    }

    public ModelConfigCatalog Catalog { get; }

    /// <summary>Unknown keys in the controller or region layer (<c>... in the known model configuration ...</c>).</summary>
    public IReadOnlyList<ConfigWarning> Warnings { get; }

    /// <summary>Every key some layer gives a value.</summary>
    public IEnumerable<string> Keys => Catalog.Defaults.Keys.Union(controller.Keys).Union(region.Keys);

    /// <summary>The value a model would inherit for <paramref name="key"/>: region, else controller, else default.</summary>
    public SourcedValue? Inherited(string key) =>
        region.TryGetValue(key, out var fromRegion) ? new SourcedValue(fromRegion, ConfigSource.Region)
        : controller.TryGetValue(key, out var fromController) ? new SourcedValue(fromController, ConfigSource.Controller)
        : Catalog.Defaults.TryGetValue(key, out var fromDefault) ? new SourcedValue(fromDefault, ConfigSource.Default)
        : null;
}
