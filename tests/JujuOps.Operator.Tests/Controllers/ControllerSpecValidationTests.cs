using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Domain;
using JujuOps.Domain.Controllers;
using JujuOps.Operator.Controllers;

namespace JujuOps.Operator.Tests.Controllers;

/// <summary>The spec's shape; each controller-config key's rule is the domain's (<c>ControllerConfigTests</c>).</summary>
public class ControllerSpecValidationTests
{
    private static JujuControllerSpec Spec(Action<JujuControllerSpec>? change = null)
    {
        var spec = new JujuControllerSpec { Clouds = [new CloudSpec { Name = "k8s", Type = CloudType.Kubernetes }] };
        change?.Invoke(spec);
        return spec;
    }

    [Theory]
    [InlineData("agent-ratelimit-max", "agent-ratelimit-max: expected number, got string(\"")]
    [InlineData("agent-ratelimit-rate", "agent-ratelimit-rate: time: invalid duration \"")]
    [InlineData("migration-agent-wait-time", "migration-agent-wait-time value \"")]
    [InlineData("no-such-key", "unknown controller config key \"")]
    public void A_huge_value_or_key_is_quoted_in_bounded_form(string key, string start)
    {
        var huge = new string('x', 65536);
        var (k, v) = key == "no-such-key" ? (huge, "1") : (key, huge);
        var message = Assert.Throws<JujuValidationException>(() => ControllerConfig.Validate(k, v)).Message;
        Assert.StartsWith(start + new string('x', GoText.MaxQuotedLength) + "\"... (65280 more characters)", message, StringComparison.Ordinal);
        Assert.True(message.Length < 400, message);
    }

    [Theory]
    [InlineData("agent-ratelimit-max", "100")]
    [InlineData("agent-ratelimit-rate", "50ms")]
    [InlineData("migration-agent-wait-time", "30m")]
    public void Documented_values_pass(string key, string value) => ControllerConfig.Validate(key, value);

    private static string Refusal(JujuControllerSpec spec, string name = "prod") =>
        Assert.Throws<JujuValidationException>(() => ControllerSpecValidation.Validate(name, spec)).Message;

    [Fact]
    public void A_controller_with_one_cloud_and_documented_config_passes() =>
        ControllerSpecValidation.Validate("prod", Spec(s => s.Config = new() { ["agent-ratelimit-max"] = "100", ["migration-agent-wait-time"] = "30m" }));

    [Fact]
    public void Controller_config_is_refused_with_Juju_text_first_key_first() =>
        Assert.Equal("agent-ratelimit-rate cannot be zero",
            Refusal(Spec(s => s.Config = new() { ["migration-agent-wait-time"] = "soon", ["agent-ratelimit-rate"] = "0" })));

    [Fact]
    public void Clouds_must_be_declared_once_each()
    {
        Assert.Equal("no clouds declared", Refusal(Spec(s => s.Clouds = [])));
        Assert.Equal("cloud \"k8s\" declared more than once",
            Refusal(Spec(s => s.Clouds = [new CloudSpec { Name = "k8s", Type = "kubernetes" }, new CloudSpec { Name = "k8s", Type = "lxd" }])));
    }

    [Theory]
    [InlineData("UPPER.case_ok")]
    [InlineData("a.b")]
    [InlineData("under_score")]
    public void A_controller_name_its_controller_models_namespace_cannot_carry_is_refused(string name) =>
        Assert.Equal($"controller name \"{name}\" cannot be used in a Kubernetes namespace: its controller model's namespace may hold only lowercase letters, digits and hyphens",
            Assert.Throws<JujuValidationException>(() => ControllerSpecValidation.Validate(name, new() { Clouds = [new() { Name = "k8s", Type = "kubernetes" }] })).Message);

    [Fact]
    public void A_lowercase_controller_name_passes() =>
        ControllerSpecValidation.Validate("prod-1", new() { Clouds = [new() { Name = "k8s", Type = "kubernetes" }] });
}
