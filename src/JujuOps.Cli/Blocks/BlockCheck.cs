using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Common;
using JujuOps.Domain.DisabledCommands;

namespace JujuOps.Cli.Blocks;

/// <summary>
/// The client side of disabled commands: a verb that changes or destroys a model looks at the blocks the model
/// declares first and stops with Juju's message and hint, as Juju's server would answer it. Admission enforces the
/// same blocks for writes that do not come through this plugin.
/// </summary>
public static class BlockCheck
{
    public static IReadOnlyDictionary<CommandBlock, string?> ActiveBlocks(JujuModel model)
    {
        var blocks = new Dictionary<CommandBlock, string?>();
        foreach (var disabled in (model.Spec.DisabledCommands ?? []).Concat(model.Status?.DisabledCommands ?? []))
            blocks.TryAdd(CommandBlocks.Parse(disabled.Command), disabled.Message);
        return blocks;
    }

    /// <summary>Throws Juju's blocked-operation text when <paramref name="command"/> is disabled on the model.</summary>
    public static void Ensure(JujuModel model, string command, string? annotation = null)
    {
        if (DisabledCommandRules.Check(command, ActiveBlocks(model)) is { } blocked)
            throw new CliException(blocked.ClientText(annotation));
    }
}
