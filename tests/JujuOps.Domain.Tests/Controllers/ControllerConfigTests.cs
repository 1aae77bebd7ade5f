using JujuOps.Domain.Controllers;

namespace JujuOps.Domain.Tests.Controllers;

public class ControllerConfigTests
{
    [Theory]
    [InlineData("agent-ratelimit-max", "-1", "negative agent-ratelimit-max (-1) not valid")]
    [InlineData("agent-ratelimit-max", "many", "agent-ratelimit-max: expected number, got string(\"many\")")]
    [InlineData("agent-ratelimit-rate", "0", "agent-ratelimit-rate cannot be zero")]
    [InlineData("agent-ratelimit-rate", "-1s", "agent-ratelimit-rate cannot be negative")]
    [InlineData("agent-ratelimit-rate", "2m", "agent-ratelimit-rate must be between 0..1m")]
    [InlineData("agent-ratelimit-rate", "fast", "agent-ratelimit-rate: time: invalid duration \"fast\"")]
    [InlineData("migration-agent-wait-time", "soon", "migration-agent-wait-time value \"soon\" must be a valid duration")]
    [InlineData("api-port", "17070", "unknown controller config key \"api-port\"")]
    public void Controller_config_is_refused_with_Juju_text(string key, string value, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => ControllerConfig.Validate(key, value)).Message);

    [Theory]
    [InlineData("agent-ratelimit-max", "100")]
    [InlineData("agent-ratelimit-max", "0")]
    [InlineData("agent-ratelimit-rate", "50ms")]
    [InlineData("agent-ratelimit-rate", "1m")]
    [InlineData("migration-agent-wait-time", "30m")]
    [InlineData("migration-agent-wait-time", "-1s")]
    public void Documented_values_pass(string key, string value) => ControllerConfig.Validate(key, value);

    [Fact]
    public void A_whole_config_is_checked_in_key_order() =>
        Assert.Equal("agent-ratelimit-rate cannot be zero", Assert.Throws<JujuValidationException>(() => ControllerConfig.Validate(
            new Dictionary<string, string> { ["migration-agent-wait-time"] = "soon", ["agent-ratelimit-rate"] = "0" })).Message);

    [Fact]
    public void Every_key_is_known() => Assert.All(ControllerConfig.Keys, key => Assert.ThrowsAny<JujuValidationException>(() => ControllerConfig.Validate(key, "x")));

    [Fact]
    public void The_agent_wait_time_is_the_configured_duration_or_Jujus_15_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), ControllerConfig.AgentWaitTime(new Dictionary<string, string> { ["migration-agent-wait-time"] = "30m" }));
        Assert.Equal(TimeSpan.FromMinutes(15), ControllerConfig.AgentWaitTime(new Dictionary<string, string> { ["agent-ratelimit-max"] = "10" }));
        Assert.Equal(TimeSpan.FromMinutes(15), ControllerConfig.AgentWaitTime(null));
    }
}
