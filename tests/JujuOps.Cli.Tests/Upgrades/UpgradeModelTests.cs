using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Common;
using JujuOps.Cli.Upgrades;
using JujuOps.Domain;
using JujuOps.Domain.Versions;
using k8s.Models;

namespace JujuOps.Cli.Tests.Upgrades;

public class UpgradeModelTests
{
    private static JujuModel Model(string running, string? going = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team" },
        Spec = new JujuModelSpec { Controller = "prod" },
        Status = new JujuModelStatus
        {
            AgentVersion = running,
            EffectiveConfig = [new ConfigEntry { Key = "agent-version", Value = going ?? running, Source = "model" }],
        },
    };

    [Fact]
    public void Without_a_version_the_best_is_the_controllers()
    {
        Assert.Equal(AgentVersion.Parse("3.6.4"), UpgradeModelCommand.Choose(Model("3.6.1"), "3.6.4", null));
    }

    [Fact]
    public void A_model_at_its_controllers_version_has_no_upgrades_available()
    {
        Assert.Null(UpgradeModelCommand.Choose(Model("3.6.4"), "3.6.4", null));
        Assert.Equal("no upgrades available", UpgradeTarget.NoUpgradesAvailable);
    }

    [Fact]
    public void Above_the_controller_and_an_upgrade_under_way_are_Jujus_errors()
    {
        Assert.Equal("cannot upgrade to a version \"3.6.5\" greater than that of the controller \"3.6.4\"",
            Assert.Throws<JujuValidationException>(() => UpgradeModelCommand.Choose(Model("3.6.1"), "3.6.4", AgentVersion.Parse("3.6.5"))).Message);
        Assert.StartsWith("upgrade in progress\n\nPlease wait",
            Assert.Throws<JujuValidationException>(() => UpgradeModelCommand.Choose(Model("3.6.1", "3.6.3"), "3.6.4", AgentVersion.Parse("3.6.4"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_still_being_added_has_no_version_to_upgrade_from()
    {
        var model = Model("3.6.1");
        model.Status = null;
        Assert.Equal("model \"web\" has no agent version yet: wait for it to be added",
            Assert.Throws<CliException>(() => UpgradeModelCommand.Choose(model, "3.6.4", null)).Message);
    }

    [Fact]
    public void The_patch_writes_version_stream_and_sets_or_clears_the_ignore_annotation()
    {
        Assert.Equal("{\"metadata\":{\"annotations\":{\"jujuops.io/ignore-agent-versions\":\"true\"}},\"spec\":{\"agentVersion\":\"3.6.4\",\"agentStream\":\"proposed\"}}",
            UpgradeModelCommand.Patch(AgentVersion.Parse("3.6.4"), "proposed", true).ToJsonString());
        Assert.Equal("{\"metadata\":{\"annotations\":{\"jujuops.io/ignore-agent-versions\":null}},\"spec\":{\"agentVersion\":\"3.6.4\"}}",
            UpgradeModelCommand.Patch(AgentVersion.Parse("3.6.4"), null, false).ToJsonString());
    }

    [Fact]
    public void Texts_are_Jujus()
    {
        var version = AgentVersion.Parse("3.6.4");
        Assert.Equal("best version:\n    3.6.4", UpgradeModelText.BestVersion(version));
        Assert.Equal("upgrade to this version by running\n    juju upgrade-model", UpgradeModelText.DryRunHint);
        Assert.Equal("started upgrade to 3.6.4", UpgradeModelText.Started(version));
        Assert.Equal("WARNING! using --reset-previous-upgrade when an upgrade is in progress\nwill cause the upgrade to fail. Only use this option to clear an\n"
            + "incomplete upgrade where the root cause has been resolved.\n\nContinue [y/N]? ", UpgradeModelText.ResetWarning);
        Assert.Equal("previous upgrade not reset and no new upgrade triggered", UpgradeModelText.ResetDeclined);
    }

    [Theory]
    [InlineData("y", true)]
    [InlineData("Y", true)]
    [InlineData("yes", true)]
    [InlineData("YES", true)]
    [InlineData("n", false)]
    [InlineData("no", false)]
    [InlineData("foo", false)]
    [InlineData(null, false)]
    public void Only_y_or_yes_confirms_a_reset_as_in_Juju(string? answer, bool confirmed) => Assert.Equal(confirmed, UpgradeModelText.IsYes(answer));
}

public class UpgradeModelRevertTests
{
    [Fact]
    public void A_refused_request_is_put_back_as_it_was()
    {
        var before = new JujuModel { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new JujuModelSpec { AgentVersion = "3.6.0" } };
        Assert.Equal("{\"metadata\":{\"annotations\":{\"jujuops.io/ignore-agent-versions\":null}},\"spec\":{\"agentVersion\":\"3.6.0\",\"agentStream\":null}}",
            UpgradeModelCommand.Revert(before).ToJsonString());
    }
}
