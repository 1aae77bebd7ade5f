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
    [InlineData("agent-ratelimit-max", "agent-ratelimit-max: expected number, got string(\"")]
    [InlineData("agent-ratelimit-rate", "agent-ratelimit-rate: time: invalid duration \"")]
    [InlineData("migration-agent-wait-time", "migration-agent-wait-time value \"")]
    [InlineData("no-such-key", "unknown controller config key \"")]
    public void A_huge_value_or_key_is_quoted_in_bounded_form(string key, string start)
    {
        var huge = new string('x', 65536);
        var (k, v) = key == "no-such-key" ? (huge, "1") : (key, huge);
        var message = Assert.Throws<JujuValidationException>(() => ControllerSpecValidation.ValidateConfig(k, v)).Message;
        Assert.StartsWith(start + new string('x', GoText.MaxQuotedLength) + "\"... (65280 more characters)", message, StringComparison.Ordinal);
        Assert.True(message.Length < 400, message);
    }

    [Theory]
    [InlineData("agent-ratelimit-max", "100")]
    [InlineData("agent-ratelimit-rate", "50ms")]
    [InlineData("migration-agent-wait-time", "30m")]
    public void Documented_values_pass(string key, string value) => ControllerSpecValidation.ValidateConfig(key, value);
}
