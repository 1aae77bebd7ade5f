using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;
using k8s.Models;

namespace JujuOps.Api.V1Alpha1.Defaults;

/// <summary>
/// Model config defaults for new models of one controller (<c>juju model-defaults</c>): for all its clouds,
/// one cloud, or one region of a cloud. Juju has only the cloud and region layers; the controller-wide scope
/// is ours, written into each cloud's layer, so a controller with several clouds needs no copy per cloud.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ResourceScope.Cluster, "md")]
[Description("Model config defaults for new models of a JujuController, optionally narrowed to a cloud and a region (juju model-defaults).")]
[PrinterColumn("Controller", ".spec.controller")]
[PrinterColumn("Cloud", ".spec.cloud")]
[PrinterColumn("Region", ".spec.region")]
[PrinterColumn("Ready", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn("Age", ".metadata.creationTimestamp", "date")]
public sealed class ModelDefaults() : CustomResource<ModelDefaultsSpec, ModelDefaultsStatus>(KindName)
{
    public const string KindName = "ModelDefaults";
    public const string Plural = "modeldefaults";
    public const string Group = ApiGroup.Name;
    public const string Version = ApiGroup.Version;
}

[Description("The defaults as the user wants them.")]
public sealed class ModelDefaultsSpec
{
    [Required]
    [Description("The name of the JujuController the defaults are for.")]
    [Pattern(JujuPatterns.KubernetesName)]
    [Length(max: 253)]
    public string Controller { get; set; } = "";

    [Description("The controller cloud the defaults are for (juju model-defaults --cloud). Without it they apply to every cloud of the controller, and a ModelDefaults naming the cloud wins over them. Juju calls this layer \"controller\".")]
    [Pattern(JujuPatterns.CloudName)]
    [Length(max: JujuLimits.NameLength)]
    public string? Cloud { get; set; }

    [Description("Narrows the defaults to one region of the cloud (juju model-defaults --region); they win over the cloud's.")]
    [Pattern(JujuPatterns.CloudName)]
    [Length(max: JujuLimits.NameLength)]
    public string? Region { get; set; }

    [Required]
    [Description("Model config keys and their default values, as the strings the Juju CLI takes. Affects models created afterwards; agent-version cannot have a default.")]
    [Length(max: JujuLimits.ConfigValueLength)]
    [Properties(max: JujuLimits.ConfigKeys)]
    public Dictionary<string, string> Config { get; set; } = [];
}

[Description("The defaults as Juju holds them.")]
public sealed class ModelDefaultsStatus : ResourceStatus
{
    [Description("The layer the defaults landed in: controller (the cloud) or region.")]
    [Enum("controller", "region")]
    public string? Layer { get; set; }

    [Description("The keys Juju accepted, sorted.")]
    public List<string>? AppliedKeys { get; set; }
}

/// <summary>The conditions a ModelDefaults writes besides Ready, Reconciling and Stalled.</summary>
public static class ModelDefaultsConditions
{
    /// <summary>Another ModelDefaults sets the same key for the same controller, cloud and region.</summary>
    public const string Conflicting = "Conflicting";
}
