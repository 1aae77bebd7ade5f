using System.Collections.Concurrent;
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
        new("fan-config", Type.Text, "", None) { Rule = Rules.FanConfig },
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
        new("uuid", Type.Text, null, Immutable | Hidden) { Rule = Rules.Uuid },
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

    /// <summary>Keys every whole config has (Juju's schema has no default for them).</summary>
    private static readonly string[] MandatoryKeys = ["name", "type", "uuid"];

    /// <summary>Keys Juju's <c>allowEmpty</c> refuses to be empty (they are not in <c>alwaysOptional</c>).</summary>
    private static readonly HashSet<string> NotEmptyKeys = new(StringComparer.Ordinal) { "name", "secret-backend", "type", "uuid" };

    /// <summary>The order of the checks in Juju's <c>config.Validate</c>; syslog forwarding comes after logging-config.</summary>
    private static readonly string[] ValidateOrder =
    [
        "name", "agent-version", "logging-config", "uuid", "resource-tags", "max-status-history-age", "max-status-history-size",
        "max-action-results-age", "max-action-results-size", "update-status-hook-interval", "egress-subnets", "fan-config",
        "container-networking-method", "cloudinit-userdata", "container-inherit-properties", "charmhub-url", "default-space",
        "default-base", "mode", "ssh-allow", "saas-ingress-allow", "logging-output",
    ];

    private static readonly int SyslogRank = 2 + Array.IndexOf(ValidateOrder, "logging-config");

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
        ProviderKeys.TryGetValue(providerType, out var extra)
            ? ProviderCatalogs.GetOrAdd(providerType, static (_, keys) => new ModelConfigCatalog(GenericKeys.Concat(keys)), extra)
            : Generic;

    /// <summary>Built once per provider type: a catalog is immutable, and every plan and admission review asks for one.</summary>
    private static readonly ConcurrentDictionary<string, ModelConfigCatalog> ProviderCatalogs = new(StringComparer.Ordinal);

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
    /// Checks a whole model config as Juju's <c>config.New</c> and <c>Validate</c> do: controller-only and
    /// never-stored keys are errors; <c>name</c>, <c>type</c> and <c>uuid</c> must be there; every known value is
    /// checked in Juju's order (schema types first, then the order of <c>Validate</c>), with Juju's texts; syslog
    /// forwarding must be complete; unknown keys are kept with a warning. Checks that Juju makes only on a change
    /// (<see cref="ValidateChanges"/>, <see cref="ValidateUpdate"/>) are not made here, so a config Juju itself
    /// stores (with both <c>default-series</c> and <c>default-base</c>, or TRACE logging set by an admin) passes.
    /// A <c>default-series</c> fills an empty <c>default-base</c> and is then dropped.
    /// </summary>
    public ValidatedConfig Validate(IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        static string ControllerKey(string key) => $"cannot set controller attribute {GoText.Quote(key)} on a model";
        CheckForbiddenKeys(config, ControllerKey);
        var missing = MandatoryKeys.FirstOrDefault(key => !config.ContainsKey(key));
        if (missing is not null)
        {
            throw new JujuValidationException($"{missing}: expected string, got nothing");
        }

        var result = CheckValues(config, "current", ControllerKey, CheckSyslogForwarding);
        var values = (Dictionary<string, string>)result.Values;
        CheckCrossKeyRules(values);
        WriteSeriesIntoBase(values);
        return result;
    }

    /// <summary>
    /// The checks Juju's model-config facade makes on the keys a change sets (<c>ModelSet</c>), before the whole
    /// config is validated: agent-version and charmhub-url keep their value, TRACE logging needs a controller admin,
    /// secret-backend cannot be emptied, and <c>default-series</c> cannot be set next to <c>default-base</c>.
    /// Returns the keys to set, with a <c>default-series</c> turned into the <c>default-base</c> it stands for.
    /// For a new model (<paramref name="before"/> null: add-model's config) agent-version and charmhub-url are
    /// being chosen, not changed.
    /// </summary>
    public IReadOnlyDictionary<string, string> ValidateChanges(
        IReadOnlyDictionary<string, string> set,
        IReadOnlyDictionary<string, string>? before,
        bool callerIsControllerAdmin = false)
    {
        ArgumentNullException.ThrowIfNull(set);
        foreach (var key in before is null ? [] : new[] { "agent-version", "charmhub-url" })
        {
            if (set.TryGetValue(key, out var value) && value != before!.GetValueOrDefault(key, key == "charmhub-url" ? Defaults[key] : ""))
            {
                throw new JujuValidationException($"{key} cannot be changed");
            }
        }

        if (set.TryGetValue("logging-config", out var logging))
        {
            CheckLoggingLevel(logging, callerIsControllerAdmin);
        }

        if (set.TryGetValue("secret-backend", out var backend) && backend.Length == 0)
        {
            throw new JujuValidationException("empty \"secret-backend\" config value not valid");
        }

        var changes = new Dictionary<string, string>(set, StringComparer.Ordinal);
        if (changes.Remove("default-series", out var series))
        {
            if (changes.ContainsKey("default-base"))
            {
                if (series.Length > 0)
                {
                    throw new JujuValidationException("cannot set both default-series and default-base");
                }
            }
            else
            {
                changes["default-base"] = series.Length == 0 ? "" : Rules.SeriesBases.TryGetValue(series, out var seriesBase)
                    ? seriesBase
                    : throw new JujuValidationException($"series {GoText.Quote(series)} not supported");
            }
        }

        return changes;
    }

    /// <summary>Only a controller admin may ask for TRACE in <c>logging-config</c> (the facade's <c>checkLogTrace</c>).</summary>
    public static void CheckLoggingLevel(string loggingConfig, bool callerIsControllerAdmin)
    {
        ArgumentNullException.ThrowIfNull(loggingConfig);
        if (!callerIsControllerAdmin && LoggingConfig.HasTrace(LoggingConfig.Normalize(loggingConfig)))
        {
            throw new JujuValidationException(LoggingConfig.TraceNeedsControllerAdmin);
        }
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
    /// Juju's <c>Validate(new, old)</c> on a change of a model's effective config: the immutable keys (name, type,
    /// uuid, firewall-mode, charmhub-url, and a provider's own) cannot change once set, and agent-version,
    /// charmhub-url and apt-mirror cannot be cleared; in that order. A new agent-version passes here (upgrade-model
    /// writes one); the facade's refusals (<c>agent-version cannot be changed</c>) are in <see cref="ValidateChanges"/>.
    /// </summary>
    public void ValidateUpdate(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        foreach (var key in Keys.Where(key => key.Is(Immutable) && before.ContainsKey(key.Name)))
        {
            var old = before[key.Name];
            if (!after.TryGetValue(key.Name, out var now))
            {
                // Go prints the missing value of an interface map as <nil>.
                throw new JujuValidationException($"cannot change {key.Name} from {GoText.Quote(old)} to <nil>");
            }

            if (old != now)
            {
                throw new JujuValidationException($"cannot change {key.Name} from {GoText.Quote(old)} to {GoText.Quote(now)}");
            }
        }

        foreach (var key in new[] { "agent-version", "charmhub-url", "apt-mirror" })
        {
            if (before.GetValueOrDefault(key, "").Length > 0 && after.GetValueOrDefault(key, "").Length == 0)
            {
                throw new JujuValidationException($"cannot clear {key}");
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

    private ValidatedConfig CheckValues(
        IReadOnlyDictionary<string, string> config,
        string configurationWord,
        Func<string, string> controllerKeyMessage,
        Action<IReadOnlyDictionary<string, string>>? syslogCheck = null)
    {
        CheckForbiddenKeys(config, controllerKeyMessage);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<ConfigWarning>();
        var syslogChecked = syslogCheck is null;
        foreach (var (key, value) in config.OrderBy(pair => ValidationRank(pair.Key, pair.Value)).ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!syslogChecked && ValidationRank(key, value) > SyslogRank)
            {
                syslogCheck!(config);
                syslogChecked = true;
            }

            if (!keysByName.ContainsKey(key))
            {
                warnings.Add(new ConfigWarning(key, $"key {GoText.Quote(key)} is not defined in the {configurationWord} model configuration: possible misspelling", SuggestKey(key)));
            }

            values[key] = Coerce(key, value);
        }

        if (!syslogChecked)
        {
            syslogCheck!(config);
        }

        return new ValidatedConfig(values, warnings.OrderBy(warning => warning.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>The keys no model config may hold, checked before anything else (state's <c>checkModelConfig</c>).</summary>
    private static void CheckForbiddenKeys(IReadOnlyDictionary<string, string> config, Func<string, string> controllerKeyMessage)
    {
        foreach (var key in config.Keys.Order(StringComparer.Ordinal))
        {
            if (ControllerOnlyKeys.Contains(key))
            {
                throw new JujuValidationException(controllerKeyMessage(key));
            }

            if (NeverStoredKeys.Contains(key))
            {
                throw new JujuValidationException($"{key} should never be written to the state");
            }
        }
    }

    /// <summary>
    /// Where Juju reports a key's error: schema coercion first (bools, ints, attrs and closed values), then the empty
    /// values Juju does not allow, then the order of <c>Validate</c>; keys Juju does not check come last.
    /// </summary>
    private int ValidationRank(string key, string value)
    {
        if (!keysByName.TryGetValue(key, out var definition))
        {
            return int.MaxValue;
        }

        if (definition.Type != Type.Text || key is "firewall-mode" or "provisioner-harvest-mode")
        {
            return 0;
        }

        if (value.Length == 0 && NotEmptyKeys.Contains(key))
        {
            return 1;
        }

        var index = Array.IndexOf(ValidateOrder, key);
        return index < 0 ? int.MaxValue - 1 : 2 + index;
    }

    private static void CheckSyslogForwarding(IReadOnlyDictionary<string, string> config) =>
        SyslogForwarding.Validate(
            GoText.TryParseBool(config.GetValueOrDefault("logforward-enabled", "false"), out var enabled) && enabled,
            config.GetValueOrDefault("syslog-host", ""),
            config.GetValueOrDefault("syslog-ca-cert", ""),
            config.GetValueOrDefault("syslog-client-cert", ""),
            config.GetValueOrDefault("syslog-client-key", ""));

    // The legacy/juju proxy rule and the fan rule need several keys; Juju checks them at the end and at
    // container-networking-method. The TRACE rule and default-series/default-base are update checks
    // (ValidateChanges), because Juju makes them on ModelSet only.
    private static void CheckCrossKeyRules(Dictionary<string, string> values)
    {
        bool IsSet(string key) => values.TryGetValue(key, out var value) && value.Length > 0;

        if (values.GetValueOrDefault("container-networking-method") == "fan" && !IsSet("fan-config"))
        {
            throw new JujuValidationException("container-networking-method cannot be set to 'fan' without fan-config set");
        }

        if (LegacyProxyKeys.Any(IsSet) && JujuProxyKeys.Any(IsSet))
        {
            throw new JujuValidationException("cannot specify both legacy proxy values and juju proxy values");
        }
    }

    // Juju 3.6 keeps default-base only (ModelGet reports a default-series derived from it); a config that holds both
    // is what Juju itself reports, and the base wins.
    private static void WriteSeriesIntoBase(Dictionary<string, string> values)
    {
        if (values.Remove("default-series", out var series) && series.Length > 0 && values.GetValueOrDefault("default-base", "").Length == 0)
        {
            values["default-base"] = Rules.SeriesBases[series];
        }
    }
}
