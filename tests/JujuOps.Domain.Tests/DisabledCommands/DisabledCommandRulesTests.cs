using JujuOps.Domain.DisabledCommands;

namespace JujuOps.Domain.Tests.DisabledCommands;

public class DisabledCommandRulesTests
{
    // Reference §5: the documented command lists of each set.
    private static readonly string[] DestroyModelList = ["destroy-controller", "destroy-model"];

    private static readonly string[] RemoveObjectList =
    [
        "destroy-controller", "destroy-model", "detach-storage", "remove-application", "remove-machine", "remove-relation",
        "remove-saas", "remove-storage", "remove-unit",
    ];

    private static readonly string[] AllList =
    [
        "add-machine", "integrate", "add-unit", "add-ssh-key", "add-user", "attach-resource", "attach-storage",
        "change-user-password", "config", "consume", "deploy", "destroy-controller", "destroy-model", "disable-user",
        "enable-ha", "enable-user", "expose", "import-filesystem", "import-ssh-key", "model-defaults", "model-config",
        "reload-spaces", "remove-application", "remove-machine", "remove-relation", "remove-ssh-key", "remove-unit",
        "remove-user", "resolved", "retry-provisioning", "run", "scale-application", "set-application-base",
        "set-credential", "set-constraints", "sync-agents", "unexpose", "refresh", "upgrade-model",
    ];

    [Fact]
    public void Each_set_stops_its_documented_commands()
    {
        Assert.Equal(DestroyModelList.Order(StringComparer.Ordinal), DisabledCommandRules.CommandsStoppedBy(CommandBlock.DestroyModel));
        Assert.Equal(RemoveObjectList.Order(StringComparer.Ordinal), DisabledCommandRules.CommandsStoppedBy(CommandBlock.RemoveObject));
        // The documented "all" list leaves out remove-saas, detach-storage and remove-storage, but BlockChange trips
        // every RemoveAllowed check; set-model-constraints checks ChangeAllowed in the facade.
        Assert.Equal(AllList.Concat(["detach-storage", "remove-saas", "remove-storage", "set-model-constraints"]).Order(StringComparer.Ordinal),
            DisabledCommandRules.CommandsStoppedBy(CommandBlock.All));
    }

    // Reference §5 first table: which sets trip which server check.
    [Theory]
    [InlineData(BlockedOperation.Destroy, CommandBlock.DestroyModel, true)]
    [InlineData(BlockedOperation.Destroy, CommandBlock.RemoveObject, true)]
    [InlineData(BlockedOperation.Destroy, CommandBlock.All, true)]
    [InlineData(BlockedOperation.Remove, CommandBlock.DestroyModel, false)]
    [InlineData(BlockedOperation.Remove, CommandBlock.RemoveObject, true)]
    [InlineData(BlockedOperation.Remove, CommandBlock.All, true)]
    [InlineData(BlockedOperation.Change, CommandBlock.DestroyModel, false)]
    [InlineData(BlockedOperation.Change, CommandBlock.RemoveObject, false)]
    [InlineData(BlockedOperation.Change, CommandBlock.All, true)]
    public void Checks_are_hierarchical(BlockedOperation operation, CommandBlock block, bool blocked)
    {
        var error = DisabledCommandRules.Check(operation, new Dictionary<CommandBlock, string?> { [block] = null });
        Assert.Equal(blocked, error is not null);
        if (error is not null)
        {
            Assert.Equal(DisabledCommandRules.DefaultMessage, error.Message);
            Assert.Equal("the operation has been blocked", error.Message);
        }
    }

    [Fact]
    public void The_first_block_in_check_order_answers()
    {
        var error = DisabledCommandRules.Check(BlockedOperation.Destroy, new Dictionary<CommandBlock, string?>
        {
            [CommandBlock.All] = "frozen",
            [CommandBlock.RemoveObject] = "no removals",
        });
        Assert.Equal(new OperationBlockedError(BlockedOperation.Destroy, CommandBlock.RemoveObject, "no removals"), error);
    }

    [Fact]
    public void The_reference_example_renders_exactly()
    {
        var error = DisabledCommandRules.Check("destroy-model", new Dictionary<CommandBlock, string?> { [CommandBlock.DestroyModel] = "Check with SA before destruction." });
        Assert.NotNull(error);
        Assert.Equal(
            "ERROR cannot destroy model: Check with SA before destruction.\n\ndestroy-model operation has been disabled for the current model.\nTo enable the command run\n    juju enable-command destroy-model",
            "ERROR " + error.ClientText("cannot destroy model"));
    }

    [Theory]
    [InlineData("remove-unit", CommandBlock.All, "\nAll operations that remove machines, applications, units or\nrelations have been disabled for the current model.\nTo enable removal, run\n    juju enable-command remove-object")]
    [InlineData("model-config", CommandBlock.All, "\nAll operations that change model have been disabled for the current model.\nTo enable changes, run\n    juju enable-command all")]
    [InlineData("destroy-controller", CommandBlock.All, "\ndestroy-model operation has been disabled for the current model.\nTo enable the command run\n    juju enable-command destroy-model")]
    public void The_hint_follows_the_kind_of_command_not_the_block(string command, CommandBlock block, string hint)
    {
        var error = DisabledCommandRules.Check(command, new Dictionary<CommandBlock, string?> { [block] = "" });
        Assert.Equal(hint, error!.ClientHint);
        Assert.Equal("the operation has been blocked\n" + hint, error.ClientText());
    }

    [Theory]
    [InlineData("grant")]
    [InlineData("status")]
    public void Commands_outside_the_lists_are_never_blocked(string command) =>
        Assert.Null(DisabledCommandRules.Check(command, new Dictionary<CommandBlock, string?> { [CommandBlock.All] = null }));

    [Theory]
    [InlineData("all", CommandBlock.All)]
    [InlineData("destroy-model", CommandBlock.DestroyModel)]
    [InlineData("remove-object", CommandBlock.RemoveObject)]
    public void Set_names_round_trip(string name, CommandBlock block)
    {
        Assert.Equal(block, CommandBlocks.Parse(name));
        Assert.Equal(name, block.ToJujuString());
    }

    [Theory]
    [InlineData(null, "missing command set (all, destroy-model, remove-object)")]
    [InlineData("", "missing command set (all, destroy-model, remove-object)")]
    [InlineData("everything", "bad command set, valid options: all, destroy-model, remove-object")]
    public void Bad_set_names_have_Juju_texts(string? name, string message) =>
        Assert.Equal(message, Assert.Throws<JujuValidationException>(() => CommandBlocks.Parse(name)).Message);
}
