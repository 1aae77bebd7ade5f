using JujuOps.Domain.Configuration;

namespace JujuOps.Domain.Tests.Configuration;

/// <summary>
/// The cases of Juju's environs/config/config_test.go (configTests for TestConfig, validationTests for
/// TestValidateChange, TestValidateCloudInitUserData, TestSAASIngressAllow, TestNoBothProxy, TestEgressSubnets),
/// each on a whole config holding Juju's minimalConfigAttrs (name, type, uuid).
/// </summary>
public class JujuConfigTableTests
{
    private static readonly ModelConfigCatalog Catalog = ModelConfigCatalog.Generic;

    // configTests rows that Juju accepts.
    [Theory]
    [InlineData("image-stream", "released")]
    [InlineData("container-image-stream", "daily")]
    [InlineData("image-metadata-url", "image-url")]
    [InlineData("agent-metadata-url", "agent-metadata-url-value")]
    [InlineData("image-metadata-defaults-disabled", "true")]
    [InlineData("container-image-metadata-defaults-disabled", "true")]
    [InlineData("default-base", "ubuntu@20.04")]
    [InlineData("logging-config", "juju=INFO")]
    [InlineData("agent-version", "1.2.3")]
    [InlineData("development", "true")]
    [InlineData("disable-network-management", "false")]
    [InlineData("disable-network-management", "true")]
    [InlineData("ignore-machine-addresses", "false")]
    [InlineData("ignore-machine-addresses", "true")]
    [InlineData("firewall-mode", "instance")]
    [InlineData("firewall-mode", "global")]
    [InlineData("firewall-mode", "none")]
    [InlineData("ssl-hostname-verification", "false")]
    [InlineData("provisioner-harvest-mode", "all")]
    [InlineData("provisioner-harvest-mode", "destroyed")]
    [InlineData("provisioner-harvest-mode", "unknown")]
    [InlineData("provisioner-harvest-mode", "none")]
    [InlineData("num-provision-workers", "42")]
    [InlineData("num-container-provision-workers", "17")]
    [InlineData("image-stream", "daily")]
    [InlineData("agent-stream", "proposed")]
    [InlineData("test-mode", "true")]
    [InlineData("mode", "strict")]
    [InlineData("mode", "strict,requires-prompts")]
    [InlineData("uuid", "dcfbdb4a-bca2-49ad-aa7c-f011424e0fe4")]
    [InlineData("apt-mirror", "http://my.archive.ubuntu.com")]
    [InlineData("resource-tags", "a=b c= d=e")]
    [InlineData("net-bond-reconfigure-delay", "1234")]
    [InlineData("transmit-vendor-metrics", "true")]
    [InlineData("transmit-vendor-metrics", "false")]
    [InlineData("container-inherit-properties", "apt-primary, ca-certs")]
    [InlineData("backup-dir", "/foo/bar")]
    [InlineData("default-space", "bar")]
    [InlineData("charmhub-url", "http://test.com")]
    [InlineData("charmhub-url", "http://meshuggah-rocks.com/charmhub")]
    [InlineData("ssh-allow", "192.168.0.0/24,192.168.2.0/24")]
    [InlineData("ssh-allow", "")]
    [InlineData("saas-ingress-allow", "192.168.0.0/24,192.168.2.0/24")]
    [InlineData("egress-subnets", "10.0.0.1/32, 192.168.1.1/16")]
    [InlineData("update-status-hook-interval", "30m")]
    [InlineData("lxd-snap-channel", "latest/candidate")]
    [InlineData("fan-config", "172.16.0.0/16=253.0.0.0/8 10.0.0.0/12=254.0.0.0/7")]
    public void Juju_accepts(string key, string value) =>
        Catalog.Validate(WholeConfig.With(new Dictionary<string, string> { [key] = value }));

    // configTests rows that Juju refuses, with its text.
    [Theory]
    [InlineData("default-base", "ubuntu@18.04", "base \"ubuntu@18.04\" not supported")]
    [InlineData("default-base", "my-series", "invalid default base \"my-series\": expected base string to contain os and channel separated by '@'")]
    [InlineData("development", "invalid", "development: expected bool, got string(\"invalid\")")]
    [InlineData("disable-network-management", "invalid", "disable-network-management: expected bool, got string(\"invalid\")")]
    [InlineData("ignore-machine-addresses", "invalid", "ignore-machine-addresses: expected bool, got string(\"invalid\")")]
    [InlineData("agent-version", "2", "invalid agent version in model configuration: \"2\"")]
    [InlineData("type", "", "empty type in model configuration")]
    [InlineData("name", "foo/bar", "\"foo/bar\" is not a valid name: model names may only contain lowercase letters, digits and hyphens")]
    [InlineData("name", "foo\\bar", "\"foo\\\\bar\" is not a valid name: model names may only contain lowercase letters, digits and hyphens")]
    [InlineData("name", "foo bar", "\"foo bar\" is not a valid name: model names may only contain lowercase letters, digits and hyphens")]
    [InlineData("name", "fooBar", "\"fooBar\" is not a valid name: model names may only contain lowercase letters, digits and hyphens")]
    [InlineData("name", "", "empty name in model configuration")]
    [InlineData("firewall-mode", "", "firewall-mode: expected one of [instance global none], got \"\"")]
    [InlineData("firewall-mode", "illegal", "firewall-mode: expected one of [instance global none], got \"illegal\"")]
    [InlineData("ssl-hostname-verification", "yes please", "ssl-hostname-verification: expected bool, got string(\"yes please\")")]
    [InlineData("provisioner-harvest-mode", "yes please", "provisioner-harvest-mode: expected one of [all none unknown destroyed], got \"yes please\"")]
    [InlineData("num-provision-workers", "101", "num-provision-workers: must be less than 100")]
    [InlineData("num-container-provision-workers", "26", "num-container-provision-workers: must be less than 25")]
    [InlineData("logging-config", "foo=bar", "unknown severity level \"bar\"")]
    [InlineData("uuid", "dcfbdb4abca249adaa7cf011424e0fe4", "uuid: expected UUID, got string(\"dcfbdb4abca249adaa7cf011424e0fe4\")")]
    [InlineData("uuid", "uuid", "uuid: expected UUID, got string(\"uuid\")")]
    [InlineData("uuid", "", "empty uuid in model configuration")]
    [InlineData("resource-tags", "a", "resource-tags: expected \"key=value\", got \"a\"")]
    [InlineData("container-inherit-properties", "apt-security, write_files,users,apt-sources", "container-inherit-properties: users, write_files not allowed")]
    [InlineData("charmhub-url", "http://t est.com", "charm-hub url \"http://t est.com\" not valid")]
    [InlineData("charmhub-url", "meshuggah", "charm-hub url \"meshuggah\" not valid")]
    [InlineData("ssh-allow", "blah", "cidr \"blah\" not valid")]
    [InlineData("saas-ingress-allow", "blah", "cidr \"blah\" not valid")]
    [InlineData("saas-ingress-allow", "", "empty cidrs not valid")]
    public void Juju_refuses(string key, string value, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => Catalog.Validate(WholeConfig.With(new Dictionary<string, string> { [key] = value }))).Message);

    // "Missing type", "Missing name" and (Juju's schema has no default for it either) a missing uuid.
    [Theory]
    [InlineData("type")]
    [InlineData("name")]
    [InlineData("uuid")]
    public void Identity_keys_are_mandatory(string key)
    {
        var config = WholeConfig.With(new Dictionary<string, string>());
        config.Remove(key);
        Assert.Equal($"{key}: expected string, got nothing", Assert.Throws<JujuValidationException>(() => Catalog.Validate(config)).Message);
    }

    // "Config settings from juju actual installation": what Juju stores (with default-series next to default-base,
    // ec2's own keys, secret-backend auto) is a valid whole config; the provider's keys are kept with a warning.
    [Fact]
    public void A_config_Juju_stored_is_valid()
    {
        var result = Catalog.Validate(new Dictionary<string, string>
        {
            ["name"] = "sample", ["development"] = "false", ["ssl-hostname-verification"] = "true", ["region"] = "us-east-1",
            ["default-series"] = "focal", ["default-base"] = "ubuntu@20.04", ["secret-key"] = "a-secret-key", ["access-key"] = "an-access-key",
            ["agent-version"] = "1.13.2", ["firewall-mode"] = "instance", ["disable-network-management"] = "false",
            ["ignore-machine-addresses"] = "false", ["automatically-retry-hooks"] = "true", ["proxy-ssh"] = "false", ["resource-tags"] = "",
            ["type"] = "ec2", ["uuid"] = WholeConfig.Uuid, ["secret-backend"] = "auto",
        });
        Assert.Equal("ubuntu@20.04", result.Values["default-base"]);
        Assert.Equal(["access-key", "region", "secret-key"], result.Warnings.Select(warning => warning.Key));
    }

    // validationTests (TestValidateChange), every row: the old config, the new config, Juju's text or none.
    [Theory]
    [InlineData("", "type=new-type", "cannot change type from \"my-type\" to \"new-type\"")]
    [InlineData("", "name=new-name", "cannot change name from \"my-name\" to \"new-name\"")]
    [InlineData("", "agent-version=1.9.13", null)]
    [InlineData("agent-version=1.9.13", "agent-version=1.9.27", null)]
    [InlineData("agent-version=1.9.27", "", "cannot clear agent-version")]
    [InlineData("firewall-mode=global", "firewall-mode=instance", "cannot change firewall-mode from \"global\" to \"instance\"")]
    [InlineData("firewall-mode=global", "firewall-mode=none", "cannot change firewall-mode from \"global\" to \"none\"")]
    [InlineData("uuid=90168e4c-2f10-4e9c-83c2-1fb55a58e5a9", "uuid=dcfbdb4a-bca2-49ad-aa7c-f011424e0fe4", "cannot change uuid from \"90168e4c-2f10-4e9c-83c2-1fb55a58e5a9\" to \"dcfbdb4a-bca2-49ad-aa7c-f011424e0fe4\"")]
    [InlineData("charmhub-url=http://a.com", "charmhub-url=http://b.com", "cannot change charmhub-url from \"http://a.com\" to \"http://b.com\"")]
    [InlineData("apt-mirror=http://mirror", "", "cannot clear apt-mirror")]
    public void Changes(string old, string updated, string? message)
    {
        // newTestConfig: Juju's defaults, then the identity keys, then the row's keys.
        static Dictionary<string, string> Config(string keys)
        {
            var config = new Dictionary<string, string>(Catalog.Defaults, StringComparer.Ordinal);
            foreach (var (key, value) in WholeConfig.Identity)
            {
                config[key] = value;
            }

            foreach (var pair in keys.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)))
            {
                config[pair[0]] = pair[1];
            }

            return (Dictionary<string, string>)Catalog.Validate(config).Values;
        }

        var (before, after) = (Config(old), Config(updated));
        if (message is null)
        {
            Catalog.ValidateUpdate(before, after);
            return;
        }

        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => Catalog.ValidateUpdate(before, after)).Message);
    }

    private const string ValidUserData = "packages:\n  - 'python-keystoneclient'\n  - 'python-glanceclient'\npreruncmd:\n  - mkdir /tmp/preruncmd\n  - mkdir /tmp/preruncmd2\npostruncmd:\n  - mkdir /tmp/postruncmd\n  - mkdir /tmp/postruncmd2\npackage_upgrade: false\n";

    // configValidateCloudInitUserDataTests (TestValidateCloudInitUserData), every row, and more of go-yaml's typing.
    [Theory]
    [InlineData(ValidUserData, null)]
    [InlineData("packages:\n    - 76\npostruncmd:\n    - mkdir /tmp/runcmd\npackage_upgrade: true\n", "cloudinit-userdata: packages must be a list of strings: expected string, got int(76)")]
    [InlineData("packages:\n    - 'string1'\n    - 'string2'\nusers:\n    name: test-user\npackage_upgrade: true\n", "cloudinit-userdata: users not allowed")]
    [InlineData("packages:\n    - 'string1'\n    - 'string2'\nruncmd:\n    - mkdir /tmp/runcmd\npackage_upgrade: true\n", "cloudinit-userdata: runcmd not allowed, use preruncmd or postruncmd instead")]
    [InlineData("packages:\n    - 'string1'\n    - 'string2'\nbootcmd:\n    - mkdir /tmp/bootcmd\npackage_upgrade: true\n", "cloudinit-userdata: bootcmd not allowed")]
    [InlineData("packages:\n    - 'string1'\n     'string2'\nruncmd:\n    - mkdir /tmp/runcmd\npackage_upgrade: true\n", "cloudinit-userdata: must be valid YAML: yaml: line 2: did not find expected '-' indicator")]
    [InlineData("packages:\n  - true\n", "cloudinit-userdata: packages must be a list of strings: expected string, got bool(true)")]
    [InlineData("packages:\n  - yes\n", "cloudinit-userdata: packages must be a list of strings: expected string, got bool(true)")]
    [InlineData("packages:\n  - 1.5\n", "cloudinit-userdata: packages must be a list of strings: expected string, got float64(1.5)")]
    [InlineData("packages:\n  - 0x1F\n", "cloudinit-userdata: packages must be a list of strings: expected string, got int(31)")]
    [InlineData("packages:\n  - ~\n", "cloudinit-userdata: packages must be a list of strings: expected string, got nothing")]
    [InlineData("packages:\n  - [a, 1]\n", "cloudinit-userdata: packages must be a list of strings: expected string, got []interface {}([]interface {}{\"a\", 1})")]
    [InlineData("packages: [curl, '76', \"true\", 2024-01-01]\n", null)]
    [InlineData("packages:\n", null)]
    [InlineData("write_files:\n  - path: /x\n    content: y\n", null)]
    [InlineData("apt:\n  sources:\n    1: x\n", "cloudinit-userdata: map keyed with non-string value")]
    [InlineData("a: &x\n  b: c\nd: *x\n", null)]
    [InlineData("a: *nope\n", "cloudinit-userdata: must be valid YAML: yaml: unknown anchor 'nope' referenced")]
    [InlineData("- a\n- b\n", "cloudinit-userdata: must be valid YAML: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into map[string]interface {}")]
    [InlineData("a very long line of text", "cloudinit-userdata: must be valid YAML: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `a very ...` into map[string]interface {}")]
    [InlineData("~\n", null)]
    [InlineData("# only a comment\n", null)]
    [InlineData("1: one\nusers: x\n", "cloudinit-userdata: users not allowed")]
    public void Cloud_init_user_data(string userData, string? message)
    {
        var config = WholeConfig.With(new Dictionary<string, string> { ["cloudinit-userdata"] = userData });
        if (message is null)
        {
            Assert.Equal(userData, Catalog.Validate(config).Values["cloudinit-userdata"]);
            return;
        }

        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => Catalog.Validate(config)).Message);
    }

    // Our difference (docs/domain.md): Juju passes a packages value that is not a list and then ignores it.
    [Fact]
    public void Packages_that_are_not_a_list_are_refused() =>
        Assert.Equal("cloudinit-userdata: packages must be a list of strings: expected list, got string(\"vim\")",
            Assert.Throws<JujuValidationException>(() => Catalog.Validate(WholeConfig.With(new Dictionary<string, string> { ["cloudinit-userdata"] = "packages: vim\n" }))).Message);

    // A deeply nested or self-referencing document is read without recursion and without expanding aliases.
    [Fact]
    public void Hostile_yaml_is_bounded()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var deep = "a: " + new string('[', 32_000) + new string(']', 32_000) + "\n";
        Assert.Equal("cloudinit-userdata: must be valid YAML: yaml: exceeded max depth of 100",
            Assert.Throws<JujuValidationException>(() => Catalog.Validate(WholeConfig.With(new Dictionary<string, string> { ["cloudinit-userdata"] = deep }))).Message);
        Catalog.Validate(WholeConfig.With(new Dictionary<string, string> { ["cloudinit-userdata"] = "a: " + new string('[', 99) + new string(']', 99) }));
        var laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 30).Select(i => $"{(char)('a' + (i % 26))}{i}: &{(char)('a' + (i % 26))}{i} [*{(i == 1 ? "a" : $"{(char)('a' + ((i - 1) % 26))}{i - 1}")}, *{(i == 1 ? "a" : $"{(char)('a' + ((i - 1) % 26))}{i - 1}")}]\n"));
        Catalog.Validate(WholeConfig.With(new Dictionary<string, string> { ["cloudinit-userdata"] = laughs }));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), clock.Elapsed.ToString());
    }

    // TestNoBothProxy, TestEgressSubnets (the subnets Juju returns are trimmed), TestSSHAllow.
    [Fact]
    public void Proxies_egress_and_allow_lists()
    {
        Assert.Equal("cannot specify both legacy proxy values and juju proxy values", Assert.Throws<JujuValidationException>(() =>
            Catalog.Validate(WholeConfig.With(new Dictionary<string, string> { ["http-proxy"] = "http://user@10.0.0.1", ["juju-http-proxy"] = "http://user@10.0.0.1" }))).Message);
        Assert.Equal("10.0.0.1/32,192.168.1.1/16", Catalog.Canonicalize("egress-subnets", "10.0.0.1/32, 192.168.1.1/16"));
        Assert.Equal("invalid egress subnet:  x: invalid CIDR address: x", Assert.Throws<JujuValidationException>(() => Catalog.Coerce("egress-subnets", "10.0.0.0/8, x")).Message);
        // Juju compares the untrimmed item with 0.0.0.0/0.
        Assert.Equal("10.0.0.0/8,0.0.0.0/0", Catalog.Canonicalize("egress-subnets", "10.0.0.0/8, 0.0.0.0/0"));
        // SSHAllow splits without trimming: a space after a comma is part of the CIDR.
        Assert.Equal("cidr \" 192.168.2.0/24\" not valid", Assert.Throws<JujuValidationException>(() => Catalog.Coerce("ssh-allow", "192.168.0.0/24, 192.168.2.0/24")).Message);
        Assert.Equal("cidr \"\" not valid", Assert.Throws<JujuValidationException>(() => Catalog.Coerce("ssh-allow", "192.168.0.0/24,")).Message);
    }

    // Set-valued keys: every offender named, sorted (validateMode, container-inherit-properties), and the canonical
    // form is the sorted set (LoggingOutput returns SortedValues, Mode a set).
    [Theory]
    [InlineData("mode", "zeta,strict,alpha,zeta", "mode(s) \"alpha, zeta\" not valid")]
    [InlineData("mode", "strict, ,requires-prompts", "mode(s) \"\" not valid")]
    [InlineData("container-inherit-properties", "b,apt-primary,a,b", "container-inherit-properties: a, b not allowed")]
    [InlineData("container-inherit-properties", "apt-primary,", "container-inherit-properties:  not allowed")]
    [InlineData("logging-output", "syslog,zz,file", "logging-output \"file\" not valid")]
    [InlineData("logging-output", "database, ,syslog", "logging-output \"\" not valid")]
    public void Set_valued_keys_name_offenders_in_sorted_order(string key, string value, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => Catalog.Coerce(key, value)).Message);

    [Theory]
    [InlineData("logging-output", "syslog,database", "database,syslog")]
    [InlineData("logging-output", " syslog , syslog ", "syslog")]
    [InlineData("logging-output", "", "")]
    [InlineData("mode", "strict,requires-prompts,strict", "requires-prompts,strict")]
    [InlineData("mode", ",", "")]
    [InlineData("container-inherit-properties", "ca-certs, apt-primary", "apt-primary,ca-certs")]
    public void Set_valued_keys_have_a_sorted_canonical_form(string key, string value, string canonical)
    {
        Assert.Equal(canonical, Catalog.Canonicalize(key, value));
        Assert.Equal(value, Catalog.Coerce(key, value));
    }

    // network.ParseFanConfig, through the fan-config key.
    [Theory]
    [InlineData("10.0.0.0/16", "invalid FAN config entry: 10.0.0.0/16")]
    [InlineData("10.0.0.0/16=252.0.0.0/8=x", "invalid FAN config entry: 10.0.0.0/16=252.0.0.0/8=x")]
    [InlineData("10.0.0.0/16=252.0.0.0/8  ", "invalid FAN config entry: ")]
    [InlineData("10.0.0/16=252.0.0.0/8", "invalid address in FAN config: invalid CIDR address: 10.0.0/16")]
    [InlineData("10.0.0.0/16=x", "invalid address in FAN config: invalid CIDR address: x")]
    [InlineData("10.0.0.0/8=252.0.0.0/8", "invalid FAN config, underlay mask must be larger than overlay: 10.0.0.0/8=252.0.0.0/8")]
    public void Fan_config_is_parsed(string value, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => Catalog.Validate(WholeConfig.With(new Dictionary<string, string> { ["fan-config"] = value }))).Message);

    // Juju's order: a bad bool (schema coercion) is reported before a bad name, a bad name before a bad uuid, and
    // the uuid before a bad default-base, whatever the keys are called.
    [Fact]
    public void The_first_error_is_the_one_Juju_reports_first()
    {
        Dictionary<string, string> Bad(params string[] keys) => WholeConfig.With(new Dictionary<string, string>
        {
            ["test-mode"] = "x", ["name"] = "Bad", ["uuid"] = "u", ["default-base"] = "b", ["agent-version"] = "v",
        }.Where(pair => keys.Contains(pair.Key)).ToDictionary());
        string Error(params string[] keys) => Assert.Throws<JujuValidationException>(() => Catalog.Validate(Bad(keys))).Message;
        Assert.Equal("test-mode: expected bool, got string(\"x\")", Error("test-mode", "name", "uuid", "default-base"));
        Assert.StartsWith("\"Bad\" is not a valid name", Error("name", "uuid", "agent-version"));
        Assert.Equal("invalid agent version in model configuration: \"v\"", Error("uuid", "agent-version", "default-base"));
        Assert.Equal("uuid: expected UUID, got string(\"u\")", Error("uuid", "default-base"));
    }
}
