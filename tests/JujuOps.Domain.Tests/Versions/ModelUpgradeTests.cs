using JujuOps.Domain.Versions;

namespace JujuOps.Domain.Tests.Versions;

public class ModelUpgradeTests
{
    private static AgentVersion V(string text) => AgentVersion.Parse(text);

    [Fact]
    public void Without_a_request_the_target_is_the_controller_version()
    {
        Assert.Equal(new UpgradeTarget(V("3.6.4"), false), ModelUpgrade.SelectTarget(V("3.6.1"), V("3.6.4")));
        Assert.Equal(new UpgradeTarget(V("3.6.4"), false), ModelUpgrade.SelectTarget(V("3.5.7"), V("3.6.4"), V("3.6.4")));
    }

    [Fact]
    public void A_model_already_at_the_target_has_no_upgrades()
    {
        var target = ModelUpgrade.SelectTarget(V("3.6.4"), V("3.6.4"));
        Assert.True(target.IsAlreadyCurrent);
        Assert.Equal("no upgrades available", UpgradeTarget.NoUpgradesAvailable);
    }

    [Fact]
    public void A_target_above_the_controller_is_refused() =>
        Assert.Equal("cannot upgrade to a version \"3.6.5\" greater than that of the controller \"3.6.4\"",
            Assert.Throws<JujuValidationException>(() => ModelUpgrade.SelectTarget(V("3.6.1"), V("3.6.4"), V("3.6.5"))).Message);

    [Fact]
    public void A_lower_target_is_a_downgrade() =>
        Assert.Equal("downgrade is not allowed",
            Assert.Throws<JujuValidationException>(() => ModelUpgrade.SelectTarget(V("3.6.3"), V("3.6.4"), V("3.6.2"))).Message);

    [Theory]
    [InlineData("3.6.1", "3.6.9", null)]
    [InlineData("3.6.1", "3.7.0", "upgrading a controller to a newer major.minor version 3.7 not supported")]
    [InlineData("3.6.1", "4.0.0", "upgrading a controller to a newer major.minor version 4.0 not supported")]
    public void Controllers_upgrade_in_place_by_patch_only(string current, string target, string? message)
    {
        if (message is null)
        {
            ModelUpgrade.CheckControllerInPlace(V(current), V(target));
        }
        else
        {
            Assert.Equal(message, Assert.Throws<JujuValidationException>(() => ModelUpgrade.CheckControllerInPlace(V(current), V(target))).Message);
        }
    }

    [Fact]
    public void The_controller_binary_must_be_at_least_the_target() =>
        Assert.Equal("model cannot be upgraded to 3.6.5 while the controller is 3.6.4: upgrade 'controller' model first",
            Assert.Throws<JujuValidationException>(() => ModelUpgrade.CheckControllerRunning(V("3.6.5"), V("3.6.4"))).Message);

    [Fact]
    public void Lagging_agents_are_listed_sorted()
    {
        var agents = new Dictionary<string, AgentVersion?>
        {
            ["unit-mysql-0"] = V("3.6.0"),
            ["machine-1"] = null,
            ["machine-0"] = V("3.6.1"),
            ["unit-web-0"] = V("3.6.2"),
        };
        var error = Assert.Throws<JujuValidationException>(() => ModelUpgrade.CheckAgentsCurrent(V("3.6.1"), V("3.6.2"), agents));
        Assert.Equal("some agents have not upgraded to the current model version 3.6.1: machine-1, unit-mysql-0", error.Message);
        ModelUpgrade.CheckAgentsCurrent(V("3.6.1"), V("3.6.2"), agents.Where(agent => agent.Value is not null && agent.Value != V("3.6.0")));
    }

    [Fact]
    public void Fixed_texts()
    {
        Assert.Equal("use upgrade-controller to upgrade the controller model", ModelUpgrade.UseUpgradeController);
        Assert.Equal("upgrade in progress\n\nPlease wait for the upgrade to complete or if there was a problem with\nthe last upgrade that has been resolved, consider running the\nupgrade-model command with the --reset-previous-upgrade option.", ModelUpgrade.UpgradeInProgress);
    }
}
