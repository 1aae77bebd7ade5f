using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Blocks;
using JujuOps.Cli.Common;
using JujuOps.Domain.DisabledCommands;

namespace JujuOps.Cli.Tests.Blocks;

public sealed class DisabledCommandsTests
{
    [Fact]
    public void Disabling_again_replaces_the_message_and_enabling_removes_the_set()
    {
        var list = DisabledCommandsCommands.With(null, CommandBlock.DestroyModel, "first");
        list = DisabledCommandsCommands.With(list, CommandBlock.DestroyModel, "Check with SA before destruction.");
        list = DisabledCommandsCommands.With(list, CommandBlock.All, "");

        // An empty last cell leaves its column's padding, as Go's tabwriter does.
        Assert.Equal(
            "Disabled commands  Message\n" +
            "all                \n" +
            "destroy-model      Check with SA before destruction.\n", DisabledCommandsCommands.Table(list));
        Assert.Equal("No commands are currently disabled.\n", DisabledCommandsCommands.Table(
            DisabledCommandsCommands.Without(DisabledCommandsCommands.Without(list, CommandBlock.All), CommandBlock.DestroyModel)));
    }

    [Fact]
    public void A_blocked_destroy_prints_Juju_error_and_hint()
    {
        var model = new JujuModel { Spec = new JujuModelSpec { DisabledCommands = [new DisabledCommand { Command = "destroy-model", Message = "Check with SA before destruction." }] } };

        var error = Assert.Throws<CliException>(() => BlockCheck.Ensure(model, "destroy-model", "cannot destroy model"));

        Assert.Equal("cannot destroy model: Check with SA before destruction.\n\ndestroy-model operation has been disabled for the current model.\nTo enable the command run\n    juju enable-command destroy-model", error.Message);
        BlockCheck.Ensure(model, "model-config");
    }

    [Fact]
    public void The_all_set_blocks_changes_with_the_default_message()
    {
        var model = new JujuModel { Spec = new JujuModelSpec { DisabledCommands = [new DisabledCommand { Command = "all" }] } };

        var error = Assert.Throws<CliException>(() => BlockCheck.Ensure(model, "set-model-constraints"));

        Assert.StartsWith("the operation has been blocked\n\nAll operations that change model have been disabled", error.Message, StringComparison.Ordinal);
    }
}
