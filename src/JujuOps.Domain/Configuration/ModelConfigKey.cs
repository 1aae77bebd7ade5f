namespace JujuOps.Domain.Configuration;

/// <summary>
/// The schema type Juju gives a key (<c>configSchema</c>): <c>string</c>, <c>bool</c>, <c>int</c>, <c>attrs</c>.
/// Durations and sizes are strings there.
/// </summary>
public enum ConfigValueType
{
    Text,
    Bool,
    Number,
    Attrs,
}

/// <summary>How a key behaves beyond its value (reference §2.2).</summary>
[Flags]
public enum ConfigKeyTraits
{
    None = 0,

    /// <summary>Cannot change once the model exists: <c>cannot change &lt;key&gt; from "a" to "b"</c>.</summary>
    Immutable = 1,

    /// <summary>Not settable through model-config (agent-version, charmhub-url, authorized-keys).</summary>
    ReadOnly = 2,

    /// <summary>Left out of model-config output (name, type, uuid, authorized-keys).</summary>
    Hidden = 4,

    /// <summary>Once set, cannot be set back to empty (apt-mirror, agent-version, charmhub-url).</summary>
    CannotClear = 8,

    /// <summary>Every model has it (name, type).</summary>
    Mandatory = 16,

    /// <summary>Not stored: default-series is read from default-base and written into it.</summary>
    Pseudo = 32,
}

/// <summary>One model-config key: its name, schema type, Juju default (null: none) and traits.</summary>
public sealed record ModelConfigKey(string Name, ConfigValueType Type, string? Default, ConfigKeyTraits Traits)
{
    internal ConfigValueRule Rule { get; init; } = ConfigValueRules.Text;

    public bool Is(ConfigKeyTraits trait) => (Traits & trait) == trait;
}

/// <summary>
/// A warning about a config key: Juju's exact <see cref="Message"/>, and our own suggestion for a near miss.
/// </summary>
public sealed record ConfigWarning(string Key, string Message, string? Suggestion)
{
    /// <summary>The message, with <c>; did you mean "x"?</c> when there is a suggestion.</summary>
    public string Text => Suggestion is null ? Message : $"{Message}; did you mean {GoText.Quote(Suggestion)}?";
}

/// <summary>A checked config: every known value in canonical form, unknown keys kept as given, and the warnings.</summary>
public sealed record ValidatedConfig(IReadOnlyDictionary<string, string> Values, IReadOnlyList<ConfigWarning> Warnings);
