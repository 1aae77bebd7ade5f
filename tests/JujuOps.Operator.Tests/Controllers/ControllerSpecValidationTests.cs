using JujuOps.Domain;
using JujuOps.Operator.Controllers;

namespace JujuOps.Operator.Tests.Controllers;

public class ControllerSpecValidationTests
{
    [Theory]
    [InlineData("agent-ratelimit-max", "-1", "negative agent-ratelimit-max (-1) not valid")]
    [InlineData("agent-ratelimit-rate", "0", "agent-ratelimit-rate cannot be zero")]
    [InlineData("agent-ratelimit-rate", "-1s", "agent-ratelimit-rate cannot be negative")]
    [InlineData("agent-ratelimit-rate", "2m", "agent-ratelimit-rate must be between 0..1m")]
    [InlineData("migration-agent-wait-time", "soon", "migration-agent-wait-time value \"soon\" must be a valid duration")]
    public void Controller_config_is_refused_with_Juju_text(string key, string value, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => ControllerSpecValidation.ValidateConfig(key, value)).Message);

    [Theory]
    [InlineData("agent-ratelimit-max", "100")]
    [InlineData("agent-ratelimit-rate", "50ms")]
    [InlineData("migration-agent-wait-time", "30m")]
    public void Documented_values_pass(string key, string value) => ControllerSpecValidation.ValidateConfig(key, value);

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
