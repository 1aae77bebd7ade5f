using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Api.V1Alpha1.Models;

/// <summary>A Juju command group that is disabled on a model, with the message users see.</summary>
[Description("A disabled command group (juju disable-command).")]
public sealed class DisabledCommand
{
    [Required]
    [Description("The command group: destroy-model, remove-object (also blocks destroy) or all (also blocks remove and destroy).")]
    [Enum(CommandSet.DestroyModel, CommandSet.RemoveObject, CommandSet.All)]
    public string Command { get; set; } = "";

    [Description("The message a blocked command prints; Juju prints \"the operation has been blocked\" without one.")]
    [Length(max: JujuLimits.MessageLength)]
    public string? Message { get; set; }
}

/// <summary>Juju's three command groups (<c>juju disable-command</c>).</summary>
public static class CommandSet
{
    public const string DestroyModel = "destroy-model";
    public const string RemoveObject = "remove-object";
    public const string All = "all";
}
