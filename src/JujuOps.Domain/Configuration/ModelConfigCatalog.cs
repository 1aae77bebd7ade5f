using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using static JujuOps.Domain.Configuration.ConfigKeyTraits;
using Rules = JujuOps.Domain.Configuration.ConfigValueRules;
using Type = JujuOps.Domain.Configuration.ConfigValueType;

namespace JujuOps.Domain.Configuration;

/// <summary>
/// The model-config keys of Juju 3.6 (reference §2.1–§2.4) with their types, defaults and traits, the value rules,
/// and the checks Juju makes on a whole config. <see cref="Generic"/> has the generic keys;
/// <see cref="ForProvider"/> adds a provider's own keys.
/// </summary>
public sealed class ModelConfigCatalog
{
    private static readonly ModelConfigKey[] GenericKeys =
    [
        new("agent-metadata-url", Type.Text, "", None),
        new("agent-stream", Type.Text, "released", None),
        new("agent-version", Type.Text, null, ReadOnly | CannotClear) { Rule = Rules.AgentVersion },
        new("apt-ftp-proxy", Type.Text, "", None),
        new("apt-http-proxy", Type.Text, "", None),
        new("apt-https-proxy", Type.Text, "", None),
        new("apt-mirror", Type.Text, "", CannotClear),
        new("apt-no-proxy", Type.Text, "", None),
        new("authorized-keys", Type.Text, null, ReadOnly | Hidden),
        new("automatically-retry-hooks", Type.Bool, "true", None) { Rule = Rules.Bool },
        new("backup-dir", Type.Text, "", None),
        new("charmhub-url", Type.Text, "https://api.charmhub.io", Immutable | ReadOnly | CannotClear) { Rule = Rules.CharmhubUrl },
        new("cloudinit-userdata", Type.Text, "", None) { Rule = Rules.CloudInitUserData },
        new("container-image-metadata-defaults-disabled", Type.Bool, "false", None) { Rule = Rules.Bool },
        new("container-image-metadata-url", Type.Text, "", None),
        new("container-image-stream", Type.Text, "released", None),
        new("container-inherit-properties", Type.Text, "", None) { Rule = Rules.ContainerInheritProperties },
        new("container-networking-method", Type.Text, "", None) { Rule = Rules.ContainerNetworkingMethod },
        new("default-base", Type.Text, "", None) { Rule = Rules.DefaultBase },
        new("default-series", Type.Text, "", Pseudo) { Rule = Rules.DefaultSeries },
        new("default-space", Type.Text, "", None) { Rule = Rules.DefaultSpace },
        new("development", Type.Bool, "false", None) { Rule = Rules.Bool },
        new("disable-network-management", Type.Bool, "false", None) { Rule = Rules.Bool },
        new("disable-telemetry", Type.Bool, "false", None) { Rule = Rules.Bool },
        new("egress-subnets", Type.Text, "", None) { Rule = Rules.EgressSubnets },
        new("enable-os-refresh-update", Type.Bool, "true", None) { Rule = Rules.Bool },
        new("enable-os-upgrade", Type.Bool, "true", None) { Rule = Rules.Bool },
        new("extra-info", Type.Text, null, None),
        new("fan-config", Type.Text, "", None),
        new("firewall-mode", Type.Text, "instance", Immutable) { Rule = Rules.OneOf("instance", "global", "none") },
        new("ftp-proxy", Type.Text, "", None),
        new("http-proxy", Type.Text, "", None),
        new("https-proxy", Type.Text, "", None),
        new("ignore-machine-addresses", Type.Bool, "false", None) { Rule = Rules.Bool },
        new("image-metadata-defaults-disabled", Type.Bool, "false", None) { Rule = Rules.Bool },
        new("image-metadata-url", Type.Text, "", None),
        new("image-stream", Type.Text, "released", None),
        new("juju-ftp-proxy", Type.Text, "", None),
        new("juju-http-proxy", Type.Text, "", None),
        new("juju-https-proxy", Type.Text, "", None),
        new("juju-no-proxy", Type.Text, "127.0.0.1,localhost,::1", None),
        new("logforward-enabled", Type.Bool, "false", None) { Rule = Rules.Bool },
        new("logging-config", Type.Text, "<root>=INFO", None) { Rule = Rules.LoggingConfig },
        new("logging-output", Type.Text, "", None) { Rule = Rules.LoggingOutput },
        new("lxd-snap-channel", Type.Text, "5.0/stable", None),
        new("max-action-results-age", Type.Text, "336h", None) { Rule = Rules.Duration("max action age") },
        new("max-action-results-size", Type.Text, "5G", None) { Rule = Rules.Size("max action size") },
        new("max-status-history-age", Type.Text, "336h", None) { Rule = Rules.Duration("max status history age") },
        new("max-status-history-size", Type.Text, "5G", None) { Rule = Rules.Size("max status history size") },
        new("mode", Type.Text, "requires-prompts", None) { Rule = Rules.Mode },
        new("name", Type.Text, null, Immutable | Hidden | Mandatory) { Rule = Rules.ModelName },
        new("net-bond-reconfigure-delay", Type.Number, "17", None) { Rule = Rules.Int },
        new("no-proxy", Type.Text, "127.0.0.1,localhost,::1", None),
        new("num-container-provision-workers", Type.Number, "4", None) { Rule = Rules.IntAtMost(25) },
        new("num-provision-workers", Type.Number, "16", None) { Rule = Rules.IntAtMost(100) },
        new("provisioner-harvest-mode", Type.Text, "destroyed", None) { Rule = Rules.OneOf("all", "none", "unknown", "destroyed") },
        new("proxy-ssh", Type.Bool, "false", None) { Rule = Rules.Bool },
        new("resource-tags", Type.Attrs, "", None) { Rule = Rules.ResourceTags },
        new("saas-ingress-allow", Type.Text, "0.0.0.0/0,::/0", None) { Rule = Rules.NonEmptyCidrList },
        new("secret-backend", Type.Text, "auto", None) { Rule = Rules.SecretBackend },
        new("snap-http-proxy", Type.Text, "", None),
        new("snap-https-proxy", Type.Text, "", None),
        new("snap-store-assertions", Type.Text, "", None),
        new("snap-store-proxy", Type.Text, "", None),
        new("snap-store-proxy-url", Type.Text, "", None),
        new("ssh-allow", Type.Text, "0.0.0.0/0,::/0", None) { Rule = Rules.CidrList },
        new("ssl-hostname-verification", Type.Bool, "true", None) { Rule = Rules.Bool },
        new("storage-default-block-source", Type.Text, null, None),
        new("storage-default-filesystem-source", Type.Text, null, None),
        new("syslog-ca-cert", Type.Text, null, None),
        new("syslog-client-cert", Type.Text, null, None),
        new("syslog-client-key", Type.Text, null, None),
        new("syslog-host", Type.Text, null, None),
        new("test-mode", Type.Bool, "false", None) { Rule = Rules.Bool },
        new("transmit-vendor-metrics", Type.Bool, "true", None) { Rule = Rules.Bool },
        new("type", Type.Text, null, Immutable | Hidden | Mandatory) { Rule = Rules.NotEmpty },
        new("update-status-hook-interval", Type.Text, "5m", None) { Rule = Rules.UpdateStatusHookInterval },
        new("uuid", Type.Text, null, Immutable | Hidden) { Rule = Rules.NotEmpty },
    ];

    private static readonly Dictionary<string, ModelConfigKey[]> ProviderKeys = new(StringComparer.Ordinal)
    {
        ["kubernetes"] =
        [
            new("operator-storage", Type.Text, null, Immutable),
            new("workload-storage", Type.Text, null, None),
        ],
        ["lxd"] =
        [
            // The LXD project every call of the model uses (lxd/config.go); Juju never creates it.
            new("project", Type.Text, "default", None),
        ],
    };

    private static readonly string[] LegacyProxyKeys = ["http-proxy", "https-proxy", "ftp-proxy"];
    private static readonly string[] JujuProxyKeys = ["juju-http-proxy", "juju-https-proxy", "juju-ftp-proxy"];

    private readonly FrozenDictionary<string, ModelConfigKey> keysByName;

    private ModelConfigCatalog(IEnumerable<ModelConfigKey> keys)
    {
        Keys = [.. keys.OrderBy(key => key.Name, StringComparer.Ordinal)];
        keysByName = Keys.ToFrozenDictionary(key => key.Name, StringComparer.Ordinal);
        Defaults = Keys.Where(key => key.Default is not null).ToFrozenDictionary(key => key.Name, key => key.Default!, StringComparer.Ordinal);
    }

    /// <summary>The generic keys every model has.</summary>
    public static ModelConfigCatalog Generic { get; } = new(GenericKeys);

    /// <summary>Keys that belong to the controller and can never be model config (reference §2.2).</summary>
    public static IReadOnlySet<string> ControllerOnlyKeys { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "allow-model-access", "agent-ratelimit-max", "agent-ratelimit-rate", "api-port", "api-port-open-delay",
        "autocert-dns-name", "autocert-url", "ca-cert", "controller-api-port", "controller-name", "controller-uuid",
        "login-token-refresh-url", "identity-public-key", "identity-url", "set-numa-control-policy", "state-port",
        "mongo-memory-profile", "juju-db-snap-channel", "max-debug-log-duration", "max-txn-log-size",
        "max-prune-txn-batch-size", "max-prune-txn-passes", "agent-logfile-max-backups", "agent-logfile-max-size",
        "model-logfile-max-backups", "model-logfile-max-size", "model-logs-size", "prune-txn-query-count",
        "prune-txn-sleep-time", "public-dns-address", "juju-ha-space", "juju-mgmt-space", "auditing-enabled",
        "audit-log-capture-args", "audit-log-max-size", "audit-log-max-backups", "audit-log-exclude-methods",
        "caas-operator-image-path", "caas-image-repo", "features", "metering-url", "max-charm-state-size",
        "max-agent-state-size", "migration-agent-wait-time", "application-resource-download-limit",
        "controller-resource-download-limit", "query-tracing-enabled", "query-tracing-threshold",
        "jujud-controller-snap-source");

    /// <summary>Secrets that must never be stored in any config.</summary>
    public static IReadOnlySet<string> NeverStoredKeys { get; } = FrozenSet.Create(StringComparer.Ordinal, "admin-secret", "ca-private-key");

    /// <summary>All keys, in ordinal order of their names.</summary>
    public IReadOnlyList<ModelConfigKey> Keys { get; }

    /// <summary>Juju's built-in defaults (the <c>default</c> source); keys without a default are absent.</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; }

    /// <summary>The generic keys plus those a provider type adds (kubernetes: operator-storage, workload-storage).</summary>
    public static ModelConfigCatalog ForProvider(string providerType) =>
        ProviderKeys.TryGetValue(providerType, out var extra) ? new ModelConfigCatalog(GenericKeys.Concat(extra)) : Generic;

    public bool TryGetKey(string name, [NotNullWhen(true)] out ModelConfigKey? key) => keysByName.TryGetValue(name, out key);

    /// <summary>
    /// Checks a value and returns it as Juju stores it: bools, ints and attrs are coerced to their canonical text,
    /// strings are kept as given. Unknown keys are returned unchanged.
    /// </summary>
    public string Coerce(string key, string value)
    {
        // A key's own default is known to be good and already in stored form; most of a new model's keys are.
        if (!keysByName.TryGetValue(key, out var definition) || value == definition.Default)
        {
            return value;
        }

        var canonical = definition.Rule(key, value);
        return definition.Type == Type.Text ? value : canonical;
    }

    /// <summary>
    /// Checks a value and returns its canonical form, for comparing values by meaning: <c>336h</c> and
    /// <c>336h0m0s</c>, <c>5G</c> and <c>5120M</c>, <c>T</c> and <c>true</c> are the same.
    /// </summary>
    public string Canonicalize(string key, string value) =>
        keysByName.TryGetValue(key, out var definition) ? definition.Rule(key, value) : value;

    /// <summary>
    /// Our "did you mean": the key with <c>_</c> read as <c>-</c> (Juju's own server-side hint), else the nearest
    /// key within two edits.
    /// </summary>
    public string? SuggestKey(string unknownKey)
    {
        ArgumentNullException.ThrowIfNull(unknownKey);
        var hyphenated = unknownKey.Replace('_', '-');
        if (keysByName.ContainsKey(hyphenated))
        {
            return hyphenated;
        }

        return Keys
            .Select(key => (key.Name, Distance: EditDistance.Between(unknownKey, key.Name, limit: 3)))
            .Where(candidate => candidate.Distance <= Math.Min(2, unknownKey.Length / 3))
            .OrderBy(candidate => candidate.Distance)
            .Select(candidate => candidate.Name)
            .FirstOrDefault();
    }

    /// <summary>
    /// Checks a model's config as the server does: controller-only and never-stored keys are errors, every known
    /// value is checked (Juju's texts), unknown keys are kept with a warning, and the cross-key rules apply.
    /// A <c>default-series</c> is written into <c>default-base</c>. TRACE logging needs a controller admin.
    /// </summary>
    public ValidatedConfig Validate(IReadOnlyDictionary<string, string> config, bool callerIsControllerAdmin = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        var result = CheckValues(config, "current", key => $"cannot set controller attribute {GoText.Quote(key)} on a model");
        var values = (Dictionary<string, string>)result.Values;
        CheckCrossKeyRules(values, callerIsControllerAdmin);
        WriteSeriesIntoBase(values);
        return result;
    }

    /// <summary>
    /// Checks values for a defaults layer (model-defaults): as <see cref="Validate"/>, but controller keys and
    /// agent-version give the defaults texts, and unknown keys warn about the "known" configuration.
    /// </summary>
    public ValidatedConfig ValidateDefaults(IReadOnlyDictionary<string, string> defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (defaults.ContainsKey("agent-version"))
        {
            throw new JujuValidationException("agent-version cannot have a default value");
        }

        return CheckValues(defaults, "known", key => $"local cloud config cannot contain controller attribute {GoText.Quote(key)}");
    }

    /// <summary>
    /// Checks a change of a model's effective config through model-config: agent-version and charmhub-url cannot
    /// change, immutable keys cannot change, and apt-mirror, agent-version and charmhub-url cannot be cleared.
    /// </summary>
    public void ValidateUpdate(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        foreach (var key in Keys.Where(key => before.ContainsKey(key.Name)))
        {
            var (old, now) = (before[key.Name], after.GetValueOrDefault(key.Name, string.Empty));
            if (old == now)
            {
                continue;
            }

            if (key.Is(CannotClear) && old.Length > 0 && now.Length == 0)
            {
                throw new JujuValidationException($"cannot clear {key.Name}");
            }

            if (key.Is(ReadOnly | Immutable) || key.Name == "agent-version")
            {
                throw new JujuValidationException($"{key.Name} cannot be changed");
            }

            if (key.Is(Immutable))
            {
                throw new JujuValidationException($"cannot change {key.Name} from {GoText.Quote(old)} to {GoText.Quote(now)}");
            }
        }
    }

    /// <summary>The client's refusals for <c>juju model-config key=value</c>.</summary>
    public static void CheckSettable(string key)
    {
        var refusal = key switch
        {
            "agent-version" => "\"agent-version\" must be set via \"upgrade-model\"",
            "charmhub-url" => "\"charmhub-url\" must be set via \"add-model\"",
            "authorized-keys" => "authorized-keys cannot be set",
            _ when ControllerOnlyKeys.Contains(key) => $"cannot set controller attribute {GoText.Quote(key)} on a model",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new JujuValidationException(refusal);
        }
    }

    /// <summary>The client's refusals for <c>juju model-config --reset key</c>.</summary>
    public static void CheckResettable(string key)
    {
        if (key is "agent-version" or "charmhub-url")
        {
            throw new JujuValidationException($"{GoText.Quote(key)} cannot be reset");
        }
    }

    private ValidatedConfig CheckValues(IReadOnlyDictionary<string, string> config, string configurationWord, Func<string, string> controllerKeyMessage)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<ConfigWarning>();
        foreach (var (key, value) in config.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (ControllerOnlyKeys.Contains(key))
            {
                throw new JujuValidationException(controllerKeyMessage(key));
            }

            if (NeverStoredKeys.Contains(key))
            {
                throw new JujuValidationException($"{key} should never be written to the state");
            }

            if (!keysByName.ContainsKey(key))
            {
                warnings.Add(new ConfigWarning(key, $"key {GoText.Quote(key)} is not defined in the {configurationWord} model configuration: possible misspelling", SuggestKey(key)));
            }

            values[key] = Coerce(key, value);
        }

        return new ValidatedConfig(values, warnings);
    }

    private static void CheckCrossKeyRules(Dictionary<string, string> values, bool callerIsControllerAdmin)
    {
        bool IsSet(string key) => values.TryGetValue(key, out var value) && value.Length > 0;

        if (LegacyProxyKeys.Any(IsSet) && JujuProxyKeys.Any(IsSet))
        {
            throw new JujuValidationException("cannot specify both legacy proxy values and juju proxy values");
        }

        if (IsSet("default-series") && IsSet("default-base"))
        {
            throw new JujuValidationException("cannot set both default-series and default-base");
        }

        if (values.GetValueOrDefault("container-networking-method") == "fan" && !IsSet("fan-config"))
        {
            throw new JujuValidationException("container-networking-method cannot be set to 'fan' without fan-config set");
        }

        if (!callerIsControllerAdmin && values.TryGetValue("logging-config", out var logging)
            && LoggingConfig.HasTrace(LoggingConfig.Normalize(logging)))
        {
            throw new JujuValidationException(LoggingConfig.TraceNeedsControllerAdmin);
        }
    }

    private static void WriteSeriesIntoBase(Dictionary<string, string> values)
    {
        if (values.Remove("default-series", out var series) && series.Length > 0)
        {
            values["default-base"] = Rules.SeriesBases[series];
        }
    }
}
