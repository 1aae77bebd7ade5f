namespace JujuOps.Domain.Defaults;

/// <summary>The layer a config value came from, lowest precedence first (reference §3.1).</summary>
public enum ConfigSource
{
    /// <summary>Juju's built-in default.</summary>
    Default,

    /// <summary>The cloud-level default (<c>model-defaults</c>); in Juju 3.x "controller" is the cloud layer.</summary>
    Controller,

    /// <summary>The cloud region's default (<c>model-defaults --region</c>).</summary>
    Region,

    /// <summary>The model's own setting (<c>add-model --config</c>, <c>model-config k=v</c>).</summary>
    Model,
}

/// <summary>A config value and the layer that supplied it.</summary>
public readonly record struct SourcedValue(string Value, ConfigSource Source);

public static class ConfigSources
{
    /// <summary>The word Juju prints in the From/source column: <c>default</c>, <c>controller</c>, <c>region</c>, <c>model</c>.</summary>
    public static string ToJujuString(this ConfigSource source) => source switch
    {
        ConfigSource.Default => "default",
        ConfigSource.Controller => "controller",
        ConfigSource.Region => "region",
        _ => "model",
    };
}
