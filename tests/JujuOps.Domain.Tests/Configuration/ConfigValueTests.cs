using JujuOps.Domain.Configuration;

namespace JujuOps.Domain.Tests.Configuration;

public class ConfigValueTests
{
    private static readonly ModelConfigCatalog Catalog = ModelConfigCatalog.Generic;

    // Reference §2.4: one or more rows per kind, with the exact error text.
    [Theory]
    [InlineData("development", "maybe", "development: expected bool, got string(\"maybe\")")]
    [InlineData("test-mode", "", "test-mode: expected bool, got string(\"\")")]
    [InlineData("net-bond-reconfigure-delay", "x", "net-bond-reconfigure-delay: expected number, got string(\"x\")")]
    [InlineData("firewall-mode", "x", "firewall-mode: expected one of [instance global none], got \"x\"")]
    [InlineData("provisioner-harvest-mode", "some", "provisioner-harvest-mode: expected one of [all none unknown destroyed], got \"some\"")]
    [InlineData("resource-tags", "juju-x=1", "validating resource tags: tag \"juju-x\" uses reserved prefix \"juju-\"")]
    [InlineData("resource-tags", "novalue", "resource-tags: expected \"key=value\", got \"novalue\"")]
    [InlineData("max-status-history-age", "x", "invalid max status history age in model configuration: time: invalid duration \"x\"")]
    [InlineData("max-action-results-age", "2d", "invalid max action age in model configuration: time: unknown unit \"d\" in duration \"2d\"")]
    [InlineData("update-status-hook-interval", "5", "invalid update status hook interval in model configuration: time: missing unit in duration \"5\"")]
    [InlineData("max-status-history-size", "5X", "invalid max status history size in model configuration: invalid multiplier suffix \"X\", expected one of MGTPEZY")]
    [InlineData("max-status-history-size", "abc", "invalid max status history size in model configuration: expected a non-negative number, got \"abc\"")]
    [InlineData("max-action-results-size", "-1", "invalid max action size in model configuration: expected a non-negative number, got \"-1\"")]
    [InlineData("update-status-hook-interval", "30s", "update status hook frequency 30s cannot be less than 1m")]
    [InlineData("update-status-hook-interval", "61m", "update status hook frequency 1h1m0s cannot be greater than 60m")]
    [InlineData("logging-config", "x", "config value expected '=', found \"x\"")]
    [InlineData("logging-config", "juju=LOUD", "unknown severity level \"LOUD\"")]
    [InlineData("logging-config", "=INFO", "config value \"=INFO\" has missing module name")]
    [InlineData("mode", "x", "mode(s) \"x\" not valid")]
    [InlineData("ssh-allow", "x", "cidr \"x\" not valid")]
    [InlineData("ssh-allow", "10.0.0.0/33", "cidr \"10.0.0.0/33\" not valid")]
    [InlineData("saas-ingress-allow", "", "empty cidrs not valid")]
    [InlineData("saas-ingress-allow", "1.2.3/8", "cidr \"1.2.3/8\" not valid")]
    [InlineData("egress-subnets", "x", "invalid egress subnet: x: invalid CIDR address: x")]
    [InlineData("egress-subnets", "10.0.0.0/8,0.0.0.0/0", "CIDR \"0.0.0.0/0\" not allowed")]
    [InlineData("container-networking-method", "x", "Invalid value for container-networking-method - x")]
    [InlineData("num-provision-workers", "101", "num-provision-workers: must be less than 100")]
    [InlineData("num-container-provision-workers", "26", "num-container-provision-workers: must be less than 25")]
    [InlineData("default-space", "Bad_Space", "default space name \"Bad_Space\" not valid")]
    [InlineData("default-base", "ubuntu", "invalid default base \"ubuntu\": expected base string to contain os and channel separated by '@'")]
    [InlineData("default-base", "ubuntu@18.04", "base \"ubuntu@18.04\" not supported")]
    [InlineData("default-series", "bionic", "series \"bionic\" not supported")]
    [InlineData("charmhub-url", "not a url", "charm-hub url \"not a url\" not valid")]
    [InlineData("charmhub-url", "", "charm-hub url not valid")]
    [InlineData("agent-version", "x", "invalid agent version in model configuration: \"x\"")]
    [InlineData("container-inherit-properties", "apt-primary,x", "container-inherit-properties: x not allowed")]
    [InlineData("cloudinit-userdata", "users:\n  - name: bob\n", "cloudinit-userdata: users not allowed")]
    [InlineData("cloudinit-userdata", "runcmd:\n  - ls\n", "cloudinit-userdata: runcmd not allowed, use preruncmd or postruncmd instead")]
    [InlineData("cloudinit-userdata", "bootcmd:\n  - ls\n", "cloudinit-userdata: bootcmd not allowed")]
    [InlineData("cloudinit-userdata", "packages:\n  - name: curl\n", "cloudinit-userdata: packages must be a list of strings: expected string, got map[string]interface {}(map[string]interface {}{\"name\":\"curl\"})")]
    [InlineData("cloudinit-userdata", "just text", "cloudinit-userdata: must be valid YAML: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `just text` into map[string]interface {}")]
    [InlineData("secret-backend", "", "empty secret-backend in model configuration")]
    [InlineData("name", "", "empty name in model configuration")]
    [InlineData("name", "Bad", "\"Bad\" is not a valid name: model names may only contain lowercase letters, digits and hyphens")]
    [InlineData("type", "", "empty type in model configuration")]
    [InlineData("uuid", "", "empty uuid in model configuration")]
    [InlineData("logging-output", "file", "logging-output \"file\" not valid")]
    public void Bad_values_have_Juju_texts(string key, string value, string message)
    {
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => Catalog.Coerce(key, value)).Message);
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => Catalog.ValidateWhole(new Dictionary<string, string> { [key] = value })).Message);
    }

    [Theory]
    [InlineData("development", "T", "true")]
    [InlineData("development", "0", "false")]
    [InlineData("development", "FALSE", "false")]
    [InlineData("net-bond-reconfigure-delay", "0x10", "16")]
    [InlineData("net-bond-reconfigure-delay", "017", "15")]
    [InlineData("net-bond-reconfigure-delay", "0b11", "3")]
    [InlineData("net-bond-reconfigure-delay", "1_000", "1000")]
    [InlineData("net-bond-reconfigure-delay", "2.9", "2")]
    [InlineData("net-bond-reconfigure-delay", "08", "8")]
    [InlineData("num-provision-workers", "100", "100")]
    [InlineData("resource-tags", "b=2  a=1", "a=1 b=2")]
    [InlineData("max-status-history-age", "72h", "72h")]
    [InlineData("update-status-hook-interval", "1h", "1h")]
    [InlineData("ssh-allow", "", "")]
    [InlineData("ssh-allow", "10.0.0.1/8,2001:db8::/32", "10.0.0.1/8,2001:db8::/32")]
    [InlineData("cloudinit-userdata", "packages:\n  - curl\n  - 'jq'\npreruncmd:\n  - echo hi\n", "packages:\n  - curl\n  - 'jq'\npreruncmd:\n  - echo hi\n")]
    [InlineData("cloudinit-userdata", "#cloud-config\npackages: [curl, jq]\n", "#cloud-config\npackages: [curl, jq]\n")]
    [InlineData("agent-version", "3.6.1", "3.6.1")]
    [InlineData("default-base", "ubuntu@22.04/stable", "ubuntu@22.04/stable")]
    public void Good_values_are_stored_as_Juju_stores_them(string key, string value, string stored) =>
        Assert.Equal(stored, Catalog.Coerce(key, value));

    [Theory]
    [InlineData("max-status-history-age", "336h", "336h0m0s")]
    [InlineData("max-status-history-age", "1.5h", "1h30m0s")]
    [InlineData("max-status-history-age", "90s", "1m30s")]
    [InlineData("max-status-history-age", "1500us", "1.5ms")]
    [InlineData("max-status-history-age", "1\u00b5s", "1\u00b5s")]
    [InlineData("max-status-history-age", "0", "0s")]
    [InlineData("max-status-history-age", "-2m", "-2m0s")]
    [InlineData("max-status-history-size", "5G", "5G")]
    [InlineData("max-status-history-size", "5120", "5G")]
    [InlineData("max-status-history-size", "1.5GiB", "1536M")]
    [InlineData("max-status-history-size", "1TB", "1T")]
    [InlineData("logging-config", "unit=debug; <root>=warn :juju=INFO", "<root>=WARNING;juju=INFO;unit=DEBUG")]
    [InlineData("logging-config", "", "")]
    [InlineData("mode", " strict , requires-prompts", "requires-prompts,strict")]
    [InlineData("agent-version", "3.6-beta2", "3.6-beta2")]
    public void Canonical_forms_compare_values_by_meaning(string key, string value, string canonical) =>
        Assert.Equal(canonical, Catalog.Canonicalize(key, value));

    [Fact]
    public void Unknown_keys_pass_through_coercion() => Assert.Equal("v", Catalog.Coerce("whatever", "v"));
}
