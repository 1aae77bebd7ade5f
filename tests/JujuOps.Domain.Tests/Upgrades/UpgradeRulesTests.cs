using JujuOps.Domain.Upgrades;
using JujuOps.Domain.Versions;

namespace JujuOps.Domain.Tests.Upgrades;

public sealed class UpgradeRulesTests
{
    private static AgentVersion V(string text) => AgentVersion.Parse(text);

    private static UpgradeRequest Request(string running, string controller, string? requested, bool ignore = false, string? target = null, params ModelAgent[] agents) =>
        new(new ModelAgentVersions(V(running), V(target ?? running)), V(controller), requested is null ? null : V(requested), agents, ignore);

    [Fact]
    public void A_patch_upgrade_up_to_the_controller_goes_ahead()
    {
        Assert.Equal(V("3.6.4"), UpgradeRules.Decide(Request("3.6.1", "3.6.4", "3.6.4")));
        Assert.Equal(V("3.6.3"), UpgradeRules.Decide(Request("3.6.1", "3.6.4", "3.6.3")));
    }

    [Fact]
    public void Nothing_asked_or_the_version_already_targeted_changes_nothing()
    {
        Assert.Equal(V("3.6.1"), UpgradeRules.Decide(Request("3.6.1", "3.6.4", null)));
        // While going to 3.6.4, asking for 3.6.4 again is the same upgrade, not a second one.
        Assert.Equal(V("3.6.4"), UpgradeRules.Decide(Request("3.6.1", "3.6.4", "3.6.4", target: "3.6.4")));
    }

    [Fact]
    public void Above_the_controller_is_refused_with_Jujus_text()
    {
        var error = Assert.Throws<JujuValidationException>(() => UpgradeRules.Decide(Request("3.6.1", "3.6.4", "3.6.5")));
        Assert.Equal("cannot upgrade to a version \"3.6.5\" greater than that of the controller \"3.6.4\"", error.Message);
    }

    [Fact]
    public void Down_is_refused()
    {
        var error = Assert.Throws<JujuValidationException>(() => UpgradeRules.Decide(Request("3.6.3", "3.6.4", "3.6.2")));
        Assert.Equal("downgrade is not allowed", error.Message);
    }

    [Fact]
    public void A_major_minor_move_goes_only_to_the_version_of_a_newer_controller_the_model_migrated_to()
    {
        // After a migration to a 3.6 controller, upgrade-model takes a 3.5 model to the controller's version.
        Assert.Equal(V("3.6.4"), UpgradeRules.Decide(Request("3.5.7", "3.6.4", "3.6.4")));
        Assert.Equal(V("3.6.4"), UpgradeRules.Decide(Request("3.5.7", "3.6.4", null), dryRun: true));
        var error = Assert.Throws<JujuValidationException>(() => UpgradeRules.Decide(Request("3.4.2", "3.6.4", "3.5.0")));
        Assert.Equal("upgrading a model to a newer major.minor version 3.5 not supported: migrate the model to a controller running 3.5 (this one runs 3.6.4), then upgrade-model", error.Message);
    }

    [Fact]
    public void Lagging_agents_refuse_the_upgrade_sorted_unless_ignored()
    {
        ModelAgent[] agents = [new("unit-mysql-0", null), new("machine-1", V("3.6.0")), new("machine-0", V("3.6.1")), new("unit-wordpress-0", V("3.6.4"))];
        var error = Assert.Throws<JujuValidationException>(() => UpgradeRules.Decide(Request("3.6.1", "3.6.4", "3.6.4", false, null, agents)));
        Assert.Equal("some agents have not upgraded to the current model version 3.6.1: machine-1, unit-mysql-0", error.Message);
        Assert.Equal(V("3.6.4"), UpgradeRules.Decide(Request("3.6.1", "3.6.4", "3.6.4", true, null, agents)));
    }

    [Fact]
    public void A_dry_run_reports_the_best_version_without_the_agents_check()
    {
        ModelAgent[] lagging = [new("unit-mysql-0", null)];
        Assert.Equal(V("3.6.4"), UpgradeRules.Decide(Request("3.6.1", "3.6.4", null, false, null, lagging), dryRun: true));
        Assert.Equal(V("3.6.4"), UpgradeRules.Decide(Request("3.6.4", "3.6.4", null), dryRun: true));
    }

    [Fact]
    public void Another_version_while_an_upgrade_runs_is_refused_with_Jujus_text()
    {
        var error = Assert.Throws<JujuValidationException>(() => UpgradeRules.Decide(Request("3.6.1", "3.6.4", "3.6.3", target: "3.6.4")));
        Assert.Equal(ModelUpgrade.UpgradeInProgress, error.Message);
    }

    [Fact]
    public void Asking_for_the_running_version_while_an_upgrade_runs_resets_it_and_a_new_one_may_follow()
    {
        Assert.Equal(V("3.6.1"), UpgradeRules.Decide(Request("3.6.1", "3.6.4", "3.6.1", target: "3.6.3")));
        Assert.Equal(V("3.6.4"), UpgradeRules.Decide(Request("3.6.1", "3.6.4", "3.6.4", target: "3.6.1")));
    }

    [Theory]
    [InlineData("0", "machine-0")]
    [InlineData("0/lxd/1", "machine-0-lxd-1")]
    public void Machine_tags_are_Jujus(string id, string tag) => Assert.Equal(tag, ModelAgent.MachineTag(id));

    [Fact]
    public void Unit_tags_are_Jujus() => Assert.Equal("unit-mysql-0", ModelAgent.UnitTag("mysql/0"));
}

public sealed class ModelAgentVersionsTests
{
    [Fact]
    public void Status_and_config_give_the_running_and_target_versions()
    {
        Assert.Equal(new ModelAgentVersions(AgentVersion.Parse("3.6.1"), AgentVersion.Parse("3.6.4")), ModelAgentVersions.Read("3.6.1", "3.6.4"));
        Assert.False(ModelAgentVersions.Read("3.6.1", null)!.Value.IsUpgrading);
        Assert.Null(ModelAgentVersions.Read(null, "3.6.4"));
    }
}
