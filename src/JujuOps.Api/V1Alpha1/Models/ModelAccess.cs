using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Api.V1Alpha1.Models;

/// <summary>One user's access to a model.</summary>
[Description("A user's access to the model (juju grant).")]
public sealed class ModelAccess
{
    [Required]
    [Description("The Juju user, e.g. alice or bob@external.")]
    [Pattern(JujuPatterns.UserName)]
    [Length(max: JujuLimits.NameLength)]
    public string User { get; set; } = "";

    [Required]
    [Description("read < write < admin.")]
    [Enum(ModelAccessLevel.Read, ModelAccessLevel.Write, ModelAccessLevel.Admin)]
    public string Access { get; set; } = "";
}

/// <summary>Juju's model access levels, lowest first.</summary>
public static class ModelAccessLevel
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
}
