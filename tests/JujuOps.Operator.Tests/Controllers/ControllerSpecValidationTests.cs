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
}
