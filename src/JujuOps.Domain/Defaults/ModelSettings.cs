using JujuOps.Domain.Configuration;
using JujuOps.Domain.Versions;

namespace JujuOps.Domain.Defaults;

/// <summary>
/// A model's stored config: every effective value with the layer that supplied it.
/// <para>
/// As in Juju, the inherited layers are <b>copied at creation</b> (<see cref="Create"/>): later changes to
/// controller or region defaults do not reach an existing model, and <see cref="Reset"/> writes the inherited value
/// of that moment into the model.
/// </para>
/// <para>
/// Unlike Juju, the source is recorded by <b>provenance</b>, not by value equality. Juju labels a value with the
/// first layer whose current value equals it, so a key set explicitly to its default shows <c>default</c>, and an
/// inherited value shows <c>model</c> once the defaults move on. Here the source is the layer that wrote the value:
/// a key set with <c>model-config</c> is <c>model</c> even when it equals the default, and a value copied from a
/// layer keeps that layer's name. That makes the source usable for drift detection, which Juju's is not.
/// </para>
/// </summary>
public sealed class ModelSettings
{
    private readonly IReadOnlyDictionary<string, SourcedValue> values;

    private ModelSettings(ModelConfigCatalog catalog, IReadOnlyDictionary<string, SourcedValue> values, IReadOnlyList<ConfigWarning> warnings)
    {
        Catalog = catalog;
        this.values = values;
        Warnings = warnings;
    }

    public ModelConfigCatalog Catalog { get; }

    /// <summary>Every key with its value and source.</summary>
    public IReadOnlyDictionary<string, SourcedValue> Values => values;

    /// <summary>Warnings from the last change (unknown keys, with a suggestion when one is close).</summary>
    public IReadOnlyList<ConfigWarning> Warnings { get; }

    /// <summary>The effective config without sources.</summary>
    public IReadOnlyDictionary<string, string> Effective => values.ToDictionary(pair => pair.Key, pair => pair.Value.Value, StringComparer.Ordinal);

    /// <summary>
    /// Composes a new model's config: defaults &lt; controller &lt; region &lt; the model's own config, then checks
    /// the whole as Juju's server does (throwing <see cref="JujuValidationException"/>).
    /// </summary>
    public static ModelSettings Create(ConfigDefaults layers, IReadOnlyDictionary<string, string> modelConfig, bool callerIsControllerAdmin = false)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(modelConfig);
        var composed = new Dictionary<string, SourcedValue>(StringComparer.Ordinal);
        foreach (var key in layers.Keys)
        {
            composed[key] = layers.Inherited(key)!.Value;
        }

        // add-model's own config is what this caller sets, so it gets the facade's checks (TRACE needs an admin, a
        // series becomes a base); inherited values were checked by whoever set them.
        var own = layers.Catalog.ValidateChanges(modelConfig, before: null, callerIsControllerAdmin);
        foreach (var (key, value) in own)
        {
            composed[key] = new SourcedValue(value, ConfigSource.Model);
        }

        return Checked(layers.Catalog, composed);
    }

    public SourcedValue? this[string key] => values.TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// <c>juju model-config k=v ... --reset k2,...</c>: sets and resets in one change, with the client's refusals
    /// and the server's checks (immutable keys, keys that cannot be cleared).
    /// </summary>
    public ModelSettings Update(
        IReadOnlyDictionary<string, string> set,
        IEnumerable<string> reset,
        ConfigDefaults currentLayers,
        bool callerIsControllerAdmin = false)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(reset);
        ArgumentNullException.ThrowIfNull(currentLayers);
        var resetKeys = reset.Select(key => key == "default-series" ? "default-base" : key).ToList();
        var both = resetKeys.FirstOrDefault(set.ContainsKey);
        if (both is not null)
        {
            throw new JujuValidationException($"cannot set and reset key {GoText.Quote(both)} simultaneously");
        }

        var next = new Dictionary<string, SourcedValue>(values, StringComparer.Ordinal);
        foreach (var key in resetKeys)
        {
            ModelConfigCatalog.CheckResettable(key);
            ResetKey(next, key, currentLayers);
        }

        foreach (var key in set.Keys)
        {
            ModelConfigCatalog.CheckSettable(key);
        }

        foreach (var (key, value) in Catalog.ValidateChanges(set, Effective, callerIsControllerAdmin))
        {
            next[key] = new SourcedValue(value, ConfigSource.Model);
        }

        var updated = Checked(Catalog, next);
        Catalog.ValidateUpdate(Effective, updated.Effective);
        return updated;
    }

    /// <summary>Sets values (<c>model-config k=v</c>); see <see cref="Update"/>.</summary>
    public ModelSettings Set(IReadOnlyDictionary<string, string> changes, ConfigDefaults currentLayers, bool callerIsControllerAdmin = false) =>
        Update(changes, [], currentLayers, callerIsControllerAdmin);

    /// <summary>
    /// Resets keys (reference §2.6): a key with an inherited value takes that value (and its source) into the
    /// model's settings; a key with none, or an unknown key, is removed. <c>default-series</c> means default-base.
    /// </summary>
    public ModelSettings Reset(IEnumerable<string> keys, ConfigDefaults currentLayers) =>
        Update(new Dictionary<string, string>(), keys, currentLayers);

    /// <summary>What <c>upgrade-model</c> writes: a new agent-version (checked as a version).</summary>
    public ModelSettings WithAgentVersion(AgentVersion version)
    {
        var next = new Dictionary<string, SourcedValue>(values, StringComparer.Ordinal)
        {
            ["agent-version"] = new SourcedValue(version.ToString(), ConfigSource.Model),
        };
        return new ModelSettings(Catalog, next, []);
    }

    private static void ResetKey(Dictionary<string, SourcedValue> settings, string key, ConfigDefaults layers)
    {
        if (layers.Inherited(key) is { } inherited)
        {
            settings[key] = inherited;
        }
        else
        {
            settings.Remove(key);
        }
    }

    private static ModelSettings Checked(ModelConfigCatalog catalog, Dictionary<string, SourcedValue> composed)
    {
        var validated = catalog.Validate(composed.ToDictionary(pair => pair.Key, pair => pair.Value.Value, StringComparer.Ordinal));
        var sourced = new Dictionary<string, SourcedValue>(StringComparer.Ordinal);
        foreach (var (key, value) in validated.Values)
        {
            // A default-series is stored as default-base; the base keeps the series' source.
            var provenance = key == "default-base" && composed.TryGetValue("default-series", out var series) && series.Value.Length > 0
                ? series.Source
                : composed.TryGetValue(key, out var written) ? written.Source : ConfigSource.Model;
            sourced[key] = new SourcedValue(value, provenance);
        }

        return new ModelSettings(catalog, sourced, validated.Warnings);
    }
}
