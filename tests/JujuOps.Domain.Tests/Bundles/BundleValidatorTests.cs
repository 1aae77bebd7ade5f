using JujuOps.Domain.Bundles;

namespace JujuOps.Domain.Tests.Bundles;

public sealed class BundleValidatorTests
{
    // Reference §6.6, with Juju's texts.
    [Theory]
    [InlineData("bundle: vm\napplications: {a: {charm: a}}", "bundle has an invalid type \"vm\"")]
    [InlineData("description: nothing", "at least one application must be specified")]
    [InlineData("bundle: kubernetes\napplications: {a: {charm: a}}\nmachines: {\"0\": {}}", "bundle machines not valid for Kubernetes bundles")]
    [InlineData("applications: {a: {charm: ch:a-5}}", "cannot specify revision in \"ch:a-5\", please use revision")]
    [InlineData("applications: {a: {charm: a, revision: 5}}", "application \"a\" with a revision requires a channel for future upgrades, please use channel")]
    [InlineData("applications: {a: {charm: a, series: plan9}}", "application \"a\" declares an invalid series \"plan9\"")]
    [InlineData("applications: {a: {charm: a, base: ubuntu}}", "application \"a\" declares an invalid base \"ubuntu\"")]
    [InlineData("applications: {a: {charm: a, num_units: 1, scale: 1}}", "cannot specify both scale and num_units for application \"a\"")]
    [InlineData("applications: {a: {charm: a, num_units: -1}}", "negative number of units specified on application \"a\"")]
    [InlineData("applications: {a: {charm: a, num_units: 1, to: [\"0\", \"1\"]}}\nmachines: {\"0\": {}, \"1\": {}}", "too many units specified in unit placement for application \"a\"")]
    [InlineData("bundle: kubernetes\napplications: {a: {charm: a, scale: 2, to: [x, y]}}", "too many placement directives for application \"a\"")]
    [InlineData("applications: {a: {charm: a, placement: zone=a}}", "placement (zone=a) not valid for non-Kubernetes application \"a\"")]
    [InlineData("applications: {a: {charm: a, constraints: bogus=1}}", "invalid constraints \"bogus=1\" in application \"a\": unknown constraint \"bogus\"")]
    [InlineData("applications: {a: {charm: a, num_units: 1, to: [\"0\"]}}\nmachines: {\"0\": {constraints: mem=lots}}", "invalid constraints \"mem=lots\" in machine \"0\": bad \"mem\" constraint: must be a non-negative float with optional M/G/T/P suffix")]
    [InlineData("applications: {a: {charm: a, storage: {data: \"ebs,10G,x!\"}}}", "invalid storage \"data\" in application \"a\": unrecognized storage constraint \"x!\" not valid")]
    [InlineData("applications: {a: {charm: a}}\nmachines: {\"0\": {}}", "machine \"0\" is not referred to by a placement directive")]
    [InlineData("applications: {a: {charm: a, num_units: 1, to: [\"7\"]}}", "placement \"7\" refers to a machine not defined in this bundle")]
    [InlineData("applications: {a: {charm: a, num_units: 1, to: [\"lxd:b/0\"]}}", "placement \"lxd:b/0\" refers to an application not defined in this bundle")]
    [InlineData("applications: {a: {charm: a, num_units: 1, to: [\"a b\"]}}", "invalid placement syntax \"a b\"")]
    [InlineData("applications: {a: {charm: a}}\nmachines: {x: {}}", "invalid machine id \"x\" found in machines")]
    [InlineData("applications: {a: {charm: a}}\nrelations: [[\"a:db\"]]", "relation [\"a:db\"] has 1 endpoint(s), not 2")]
    [InlineData("applications: {a: {charm: a}}\nrelations: [[\"a:db\", \"b:db\"]]", "relation [\"a:db\" \"b:db\"] refers to application \"b\" not defined in this bundle")]
    [InlineData("applications: {a: {charm: a}}\nrelations: [[\"a:db\", \"a:peer\"]]", "relation [\"a:db\" \"a:peer\"] relates an application to itself")]
    [InlineData("applications: {a: {charm: a}, b: {charm: b}}\nrelations: [[a, b], [b, a]]", "relation [\"b\" \"a\"] is defined more than once")]
    [InlineData("applications: {a: {charm: \"\"}}", "empty charm path")]
    public void Bad_bundles_are_refused_with_Juju_s_texts(string text, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => BundleComposer.ComposeText(text)).Message);

    [Fact]
    public void Exposed_endpoints_and_expose_together_are_refused()
    {
        var error = Assert.Throws<JujuValidationException>(() => BundleComposer.ComposeText(
            "applications: {a: {charm: a, expose: true}}\n---\napplications: {a: {exposed-endpoints: {\"\": {expose-to-spaces: [x]}}}}"));

        Assert.Equal("exposed-endpoints cannot be specified together with \"exposed:true\" in application \"a\" as this poses a security risk when deploying bundles to older controllers", error.Message);
    }

    [Fact]
    public void Every_problem_is_counted_after_the_first()
    {
        var bundle = new BundleData
        {
            Applications = new Dictionary<string, BundleApplication> { ["a"] = new() { Charm = "a", NumUnits = -1, Series = "plan9" } },
            Relations = [["a:x"]],
        };

        Assert.Equal(
            ["application \"a\" declares an invalid series \"plan9\"", "negative number of units specified on application \"a\"", "relation [\"a:x\"] has 1 endpoint(s), not 2"],
            BundleValidator.Validate(bundle));
        Assert.Equal("application \"a\" declares an invalid series \"plan9\" (and 2 more errors)",
            Assert.Throws<JujuValidationException>(() => BundleValidator.ThrowIfInvalid(bundle)).Message);
    }

    [Fact]
    public void A_valid_bundle_has_no_problems() =>
        Assert.Empty(BundleValidator.Validate(BundleComposer.ComposeText(HowToScenario.Bundle)));
}
