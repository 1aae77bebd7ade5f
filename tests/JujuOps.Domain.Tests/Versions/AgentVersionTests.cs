using JujuOps.Domain.Versions;

namespace JujuOps.Domain.Tests.Versions;

public class AgentVersionTests
{
    [Theory]
    [InlineData("3.6.1", 3, 6, "", 1, 0)]
    [InlineData("3.6-beta2", 3, 6, "beta", 2, 0)]
    [InlineData("2.9.43.1", 2, 9, "", 43, 1)]
    [InlineData("3.6-rc1.5", 3, 6, "rc", 1, 5)]
    public void Parses_and_formats(string text, int major, int minor, string tag, int patch, int build)
    {
        var version = AgentVersion.Parse(text);
        Assert.Equal(new AgentVersion(major, minor, tag, patch, build), version);
        Assert.Equal(text, version.ToString());
    }

    [Theory]
    [InlineData("3.6")]
    [InlineData("v3.6.1")]
    [InlineData("3.6.1-jammy-amd64")]
    [InlineData("3.6-BETA1")]
    [InlineData("")]
    [InlineData("3.6.1\n")]
    public void Rejects_with_Juju_text(string text) =>
        Assert.Equal($"invalid version \"{text.Replace("\n", "\\n", StringComparison.Ordinal)}\"", Assert.Throws<JujuValidationException>(() => AgentVersion.Parse(text)).Message);

    [Theory]
    [InlineData("3.6-beta2", "3.6.0")]
    [InlineData("3.6-beta1", "3.6-beta2")]
    [InlineData("3.6-beta9", "3.6-rc1")]
    [InlineData("3.5.9", "3.6-beta1")]
    [InlineData("3.6.1", "3.6.1.1")]
    [InlineData("3.6.9", "3.6.10")]
    [InlineData("2.9.43", "3.0.0")]
    public void Orders_versions(string lower, string higher)
    {
        Assert.True(AgentVersion.Parse(lower) < AgentVersion.Parse(higher));
        Assert.True(AgentVersion.Parse(higher) > AgentVersion.Parse(lower));
    }
}
