using JujuOps.Domain.Configuration;

namespace JujuOps.Domain.Tests.Configuration;

public class ModelConfigCatalogTests
{
    private static readonly ModelConfigCatalog Catalog = ModelConfigCatalog.Generic;

    // Reference §2.1, every row: key, schema type, default (null: none).
    public static TheoryData<string, ConfigValueType, string?> KeyTable => new()
    {
        { "agent-metadata-url", ConfigValueType.Text, "" },
        { "agent-stream", ConfigValueType.Text, "released" },
        { "agent-version", ConfigValueType.Text, null },
        { "apt-ftp-proxy", ConfigValueType.Text, "" },
        { "apt-http-proxy", ConfigValueType.Text, "" },
        { "apt-https-proxy", ConfigValueType.Text, "" },
        { "apt-mirror", ConfigValueType.Text, "" },
        { "apt-no-proxy", ConfigValueType.Text, "" },
        { "authorized-keys", ConfigValueType.Text, null },
        { "automatically-retry-hooks", ConfigValueType.Bool, "true" },
        { "backup-dir", ConfigValueType.Text, "" },
        { "charmhub-url", ConfigValueType.Text, "https://api.charmhub.io" },
        { "cloudinit-userdata", ConfigValueType.Text, "" },
        { "container-image-metadata-defaults-disabled", ConfigValueType.Bool, "false" },
        { "container-image-metadata-url", ConfigValueType.Text, "" },
        { "container-image-stream", ConfigValueType.Text, "released" },
        { "container-inherit-properties", ConfigValueType.Text, "" },
        { "container-networking-method", ConfigValueType.Text, "" },
        { "default-base", ConfigValueType.Text, "" },
        { "default-series", ConfigValueType.Text, "" },
        { "default-space", ConfigValueType.Text, "" },
        { "development", ConfigValueType.Bool, "false" },
        { "disable-network-management", ConfigValueType.Bool, "false" },
        { "disable-telemetry", ConfigValueType.Bool, "false" },
        { "egress-subnets", ConfigValueType.Text, "" },
        { "enable-os-refresh-update", ConfigValueType.Bool, "true" },
        { "enable-os-upgrade", ConfigValueType.Bool, "true" },
        { "extra-info", ConfigValueType.Text, null },
        { "fan-config", ConfigValueType.Text, "" },
        { "firewall-mode", ConfigValueType.Text, "instance" },
        { "ftp-proxy", ConfigValueType.Text, "" },
        { "http-proxy", ConfigValueType.Text, "" },
        { "https-proxy", ConfigValueType.Text, "" },
        { "ignore-machine-addresses", ConfigValueType.Bool, "false" },
        { "image-metadata-defaults-disabled", ConfigValueType.Bool, "false" },
        { "image-metadata-url", ConfigValueType.Text, "" },
        { "image-stream", ConfigValueType.Text, "released" },
        { "juju-ftp-proxy", ConfigValueType.Text, "" },
        { "juju-http-proxy", ConfigValueType.Text, "" },
        { "juju-https-proxy", ConfigValueType.Text, "" },
        { "juju-no-proxy", ConfigValueType.Text, "127.0.0.1,localhost,::1" },
        { "logforward-enabled", ConfigValueType.Bool, "false" },
        { "logging-config", ConfigValueType.Text, "<root>=INFO" },
        { "logging-output", ConfigValueType.Text, "" },
        { "lxd-snap-channel", ConfigValueType.Text, "5.0/stable" },
        { "max-action-results-age", ConfigValueType.Text, "336h" },
        { "max-action-results-size", ConfigValueType.Text, "5G" },
        { "max-status-history-age", ConfigValueType.Text, "336h" },
        { "max-status-history-size", ConfigValueType.Text, "5G" },
        { "mode", ConfigValueType.Text, "requires-prompts" },
        { "name", ConfigValueType.Text, null },
        { "net-bond-reconfigure-delay", ConfigValueType.Number, "17" },
        { "no-proxy", ConfigValueType.Text, "127.0.0.1,localhost,::1" },
        { "num-container-provision-workers", ConfigValueType.Number, "4" },
        { "num-provision-workers", ConfigValueType.Number, "16" },
        { "provisioner-harvest-mode", ConfigValueType.Text, "destroyed" },
        { "proxy-ssh", ConfigValueType.Bool, "false" },
        { "resource-tags", ConfigValueType.Attrs, "" },
        { "saas-ingress-allow", ConfigValueType.Text, "0.0.0.0/0,::/0" },
        { "secret-backend", ConfigValueType.Text, "auto" },
        { "snap-http-proxy", ConfigValueType.Text, "" },
        { "snap-https-proxy", ConfigValueType.Text, "" },
        { "snap-store-assertions", ConfigValueType.Text, "" },
        { "snap-store-proxy", ConfigValueType.Text, "" },
        { "snap-store-proxy-url", ConfigValueType.Text, "" },
        { "ssh-allow", ConfigValueType.Text, "0.0.0.0/0,::/0" },
        { "ssl-hostname-verification", ConfigValueType.Bool, "true" },
        { "storage-default-block-source", ConfigValueType.Text, null },
        { "storage-default-filesystem-source", ConfigValueType.Text, null },
        { "syslog-ca-cert", ConfigValueType.Text, null },
        { "syslog-client-cert", ConfigValueType.Text, null },
        { "syslog-client-key", ConfigValueType.Text, null },
        { "syslog-host", ConfigValueType.Text, null },
        { "test-mode", ConfigValueType.Bool, "false" },
        { "transmit-vendor-metrics", ConfigValueType.Bool, "true" },
        { "type", ConfigValueType.Text, null },
        { "update-status-hook-interval", ConfigValueType.Text, "5m" },
        { "uuid", ConfigValueType.Text, null },
    };

    [Theory]
    [MemberData(nameof(KeyTable))]
    public void Every_key_has_its_type_and_default(string name, ConfigValueType type, string? defaultValue)
    {
        Assert.True(Catalog.TryGetKey(name, out var key));
        Assert.Equal(type, key.Type);
        Assert.Equal(defaultValue, key.Default);
        Assert.Equal(defaultValue, Catalog.Defaults.GetValueOrDefault(name));
        if (defaultValue is not null)
        {
            Assert.Equal(defaultValue, Catalog.Coerce(name, defaultValue));
        }
    }

    [Fact]
    public void The_catalog_has_exactly_the_reference_keys() =>
        Assert.Equal(KeyTable.Count, Catalog.Keys.Count);

    [Theory]
    [InlineData("name", ConfigKeyTraits.Immutable | ConfigKeyTraits.Hidden | ConfigKeyTraits.Mandatory)]
    [InlineData("type", ConfigKeyTraits.Immutable | ConfigKeyTraits.Hidden | ConfigKeyTraits.Mandatory)]
    [InlineData("uuid", ConfigKeyTraits.Immutable | ConfigKeyTraits.Hidden)]
    [InlineData("firewall-mode", ConfigKeyTraits.Immutable)]
    [InlineData("charmhub-url", ConfigKeyTraits.Immutable | ConfigKeyTraits.ReadOnly | ConfigKeyTraits.CannotClear)]
    [InlineData("agent-version", ConfigKeyTraits.ReadOnly | ConfigKeyTraits.CannotClear)]
    [InlineData("authorized-keys", ConfigKeyTraits.ReadOnly | ConfigKeyTraits.Hidden)]
    [InlineData("apt-mirror", ConfigKeyTraits.CannotClear)]
    [InlineData("default-series", ConfigKeyTraits.Pseudo)]
    [InlineData("mode", ConfigKeyTraits.None)]
    public void Key_classes(string name, ConfigKeyTraits traits)
    {
        Assert.True(Catalog.TryGetKey(name, out var key));
        Assert.Equal(traits, key.Traits);
    }

    [Fact]
    public void Kubernetes_adds_its_storage_keys()
    {
        var kubernetes = ModelConfigCatalog.ForProvider("kubernetes");
        Assert.True(kubernetes.TryGetKey("operator-storage", out var operatorStorage) && operatorStorage.Is(ConfigKeyTraits.Immutable));
        Assert.True(kubernetes.TryGetKey("workload-storage", out _));
        Assert.False(ModelConfigCatalog.ForProvider("lxd").TryGetKey("workload-storage", out _));
    }

    // Reference §2.2: every controller-only key, and the never-stored ones.
    [Theory]
    [InlineData("allow-model-access")] [InlineData("agent-ratelimit-max")] [InlineData("agent-ratelimit-rate")] [InlineData("api-port")]
    [InlineData("api-port-open-delay")] [InlineData("autocert-dns-name")] [InlineData("autocert-url")] [InlineData("ca-cert")]
    [InlineData("controller-api-port")] [InlineData("controller-name")] [InlineData("controller-uuid")] [InlineData("login-token-refresh-url")]
    [InlineData("identity-public-key")] [InlineData("identity-url")] [InlineData("set-numa-control-policy")] [InlineData("state-port")]
    [InlineData("mongo-memory-profile")] [InlineData("juju-db-snap-channel")] [InlineData("max-debug-log-duration")] [InlineData("max-txn-log-size")]
    [InlineData("max-prune-txn-batch-size")] [InlineData("max-prune-txn-passes")] [InlineData("agent-logfile-max-backups")] [InlineData("agent-logfile-max-size")]
    [InlineData("model-logfile-max-backups")] [InlineData("model-logfile-max-size")] [InlineData("model-logs-size")] [InlineData("prune-txn-query-count")]
    [InlineData("prune-txn-sleep-time")] [InlineData("public-dns-address")] [InlineData("juju-ha-space")] [InlineData("juju-mgmt-space")]
    [InlineData("auditing-enabled")] [InlineData("audit-log-capture-args")] [InlineData("audit-log-max-size")] [InlineData("audit-log-max-backups")]
    [InlineData("audit-log-exclude-methods")] [InlineData("caas-operator-image-path")] [InlineData("caas-image-repo")] [InlineData("features")]
    [InlineData("metering-url")] [InlineData("max-charm-state-size")] [InlineData("max-agent-state-size")] [InlineData("migration-agent-wait-time")]
    [InlineData("application-resource-download-limit")] [InlineData("controller-resource-download-limit")] [InlineData("query-tracing-enabled")]
    [InlineData("query-tracing-threshold")] [InlineData("jujud-controller-snap-source")]
    public void Controller_only_keys_are_refused_on_models_and_defaults(string key)
    {
        var config = new Dictionary<string, string> { [key] = "x" };
        Assert.Equal($"cannot set controller attribute \"{key}\" on a model", Assert.Throws<JujuValidationException>(() => Catalog.ValidateWhole(config)).Message);
        Assert.Equal($"local cloud config cannot contain controller attribute \"{key}\"", Assert.Throws<JujuValidationException>(() => Catalog.ValidateDefaults(config)).Message);
        Assert.Equal($"cannot set controller attribute \"{key}\" on a model", Assert.Throws<JujuValidationException>(() => ModelConfigCatalog.CheckSettable(key)).Message);
    }

    [Fact]
    public void The_controller_only_list_is_complete() => Assert.Equal(49, ModelConfigCatalog.ControllerOnlyKeys.Count);

    [Theory]
    [InlineData("admin-secret")]
    [InlineData("ca-private-key")]
    public void Secrets_are_never_stored(string key) =>
        Assert.Equal($"{key} should never be written to the state",
            Assert.Throws<JujuValidationException>(() => Catalog.ValidateWhole(new Dictionary<string, string> { [key] = "s" })).Message);

    [Theory]
    [InlineData("agent-version", "\"agent-version\" must be set via \"upgrade-model\"")]
    [InlineData("charmhub-url", "\"charmhub-url\" must be set via \"add-model\"")]
    [InlineData("authorized-keys", "authorized-keys cannot be set")]
    public void Client_refuses_to_set_read_only_keys(string key, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => ModelConfigCatalog.CheckSettable(key)).Message);

    [Theory]
    [InlineData("agent-version")]
    [InlineData("charmhub-url")]
    public void Client_refuses_to_reset_read_only_keys(string key) =>
        Assert.Equal($"\"{key}\" cannot be reset", Assert.Throws<JujuValidationException>(() => ModelConfigCatalog.CheckResettable(key)).Message);

    [Theory]
    [InlineData("firewall-mode", "instance", "global", "cannot change firewall-mode from \"instance\" to \"global\"")]
    [InlineData("name", "a", "b", "cannot change name from \"a\" to \"b\"")]
    [InlineData("type", "lxd", "ec2", "cannot change type from \"lxd\" to \"ec2\"")]
    [InlineData("uuid", "u1", "u2", "cannot change uuid from \"u1\" to \"u2\"")]
    [InlineData("charmhub-url", "https://a", "https://b", "cannot change charmhub-url from \"https://a\" to \"https://b\"")]
    [InlineData("agent-version", "3.6.1", "", "cannot clear agent-version")]
    // charmhub-url is immutable, and Juju's immutable check runs before its "cannot clear charmhub-url".
    [InlineData("charmhub-url", "https://a", "", "cannot change charmhub-url from \"https://a\" to \"\"")]
    [InlineData("apt-mirror", "http://m", "", "cannot clear apt-mirror")]
    public void Updates_respect_immutable_and_uncleared_keys(string key, string before, string after, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() =>
            Catalog.ValidateUpdate(new Dictionary<string, string> { [key] = before }, new Dictionary<string, string> { [key] = after })).Message);

    [Fact]
    public void Ordinary_updates_pass() =>
        Catalog.ValidateUpdate(
            new Dictionary<string, string> { ["apt-mirror"] = "http://a", ["mode"] = "" },
            new Dictionary<string, string> { ["apt-mirror"] = "http://b", ["mode"] = "strict" });

    [Fact]
    public void Unknown_keys_are_kept_with_Juju_warning_and_our_suggestion()
    {
        var result = Catalog.ValidateWhole(new Dictionary<string, string> { ["logging_config"] = "x", ["imag-stream"] = "daily", ["zzzz"] = "1" });
        Assert.Equal("x", result.Values["logging_config"]);
        Assert.Equal(
            [
                "key \"imag-stream\" is not defined in the current model configuration: possible misspelling; did you mean \"image-stream\"?",
                "key \"logging_config\" is not defined in the current model configuration: possible misspelling; did you mean \"logging-config\"?",
                "key \"zzzz\" is not defined in the current model configuration: possible misspelling",
            ],
            result.Warnings.Select(warning => warning.Text));
        Assert.Equal("key \"zzzz\" is not defined in the current model configuration: possible misspelling", result.Warnings[2].Message);
        Assert.Null(result.Warnings[2].Suggestion);
    }

    [Fact]
    public void Unknown_default_keys_warn_about_the_known_configuration() =>
        Assert.Equal("key \"bogus\" is not defined in the known model configuration: possible misspelling",
            Catalog.ValidateDefaults(new Dictionary<string, string> { ["bogus"] = "1" }).Warnings.Single().Message);

    [Fact]
    public void Agent_version_cannot_be_a_default() =>
        Assert.Equal("agent-version cannot have a default value",
            Assert.Throws<JujuValidationException>(() => Catalog.ValidateDefaults(new Dictionary<string, string> { ["agent-version"] = "3.6.1" })).Message);

    [Theory]
    [InlineData("http-proxy", "juju-http-proxy")]
    [InlineData("ftp-proxy", "juju-https-proxy")]
    [InlineData("https-proxy", "juju-ftp-proxy")]
    public void Legacy_and_juju_proxies_exclude_each_other(string legacy, string juju) =>
        Assert.Equal("cannot specify both legacy proxy values and juju proxy values",
            Assert.Throws<JujuValidationException>(() => Catalog.ValidateWhole(new Dictionary<string, string> { [legacy] = "http://p", [juju] = "http://q" })).Message);

    [Fact]
    public void Empty_legacy_proxy_does_not_conflict() =>
        Catalog.ValidateWhole(new Dictionary<string, string> { ["http-proxy"] = "", ["juju-http-proxy"] = "http://q" });

    [Fact]
    public void A_series_becomes_a_base_and_a_whole_config_may_hold_both()
    {
        // Juju's "Config settings from juju actual installation" (TestConfig): a stored config has both; the base wins.
        var stored = Catalog.ValidateWhole(new Dictionary<string, string> { ["default-series"] = "jammy", ["default-base"] = "ubuntu@20.04" }).Values;
        Assert.Equal("ubuntu@20.04", stored["default-base"]);
        Assert.False(stored.ContainsKey("default-series"));
        var converted = Catalog.ValidateWhole(new Dictionary<string, string> { ["default-series"] = "noble" }).Values;
        Assert.Equal("ubuntu@24.04/stable", converted["default-base"]);
        Assert.False(converted.ContainsKey("default-series"));
    }

    [Fact]
    public void Fan_networking_needs_fan_config()
    {
        Assert.Equal("container-networking-method cannot be set to 'fan' without fan-config set",
            Assert.Throws<JujuValidationException>(() => Catalog.ValidateWhole(new Dictionary<string, string> { ["container-networking-method"] = "fan" })).Message);
        Catalog.ValidateWhole(new Dictionary<string, string> { ["container-networking-method"] = "fan", ["fan-config"] = "10.0.0.0/16=252.0.0.0/8" });
    }

    [Fact]
    public void Trace_logging_needs_a_controller_admin_only_when_it_is_set()
    {
        var config = new Dictionary<string, string> { ["logging-config"] = "<root>=INFO;unit=trace" };
        Assert.Equal("only controller admins can set a model's logging level to TRACE",
            Assert.Throws<JujuValidationException>(() => Catalog.ValidateChanges(config, WholeConfig.Identity)).Message);
        Assert.Equal("<root>=INFO;unit=trace", Catalog.ValidateChanges(config, WholeConfig.Identity, callerIsControllerAdmin: true)["logging-config"]);
        // A whole config that holds TRACE (set by an admin, or inherited) is valid: Juju checks it on ModelSet only.
        Assert.Equal("<root>=INFO;unit=trace", Catalog.ValidateWhole(config).Values["logging-config"]);
    }
}
