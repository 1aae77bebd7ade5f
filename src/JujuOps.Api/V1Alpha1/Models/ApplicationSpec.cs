using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Api.V1Alpha1.Models;

/// <summary>
/// One application as a bundle declares it. Field names follow Kubernetes conventions (camelCase); each
/// description names the bundle key it stands for, so export and import are a rename.
/// </summary>
[Description("An application, as in a bundle's applications section.")]
public sealed class ApplicationSpec
{
    [Required]
    [Description("The charm: a Charmhub name, or local:<name> (bundle key charm). No revision inside; use revision.")]
    [Length(min: 1, max: JujuLimits.NameLength)]
    public string Charm { get; set; } = "";

    [Description("The Charmhub channel, e.g. latest/stable (channel). Required with revision.")]
    [Length(max: JujuLimits.NameLength)]
    public string? Channel { get; set; }

    [Description("The charm revision (revision).")]
    [Minimum(0)]
    public int? Revision { get; set; }

    [Description("The base to deploy on, e.g. ubuntu@22.04 (base).")]
    [Length(max: JujuLimits.NameLength)]
    public string? Base { get; set; }

    [Description("How many units (num_units; scale on Kubernetes).")]
    [Minimum(0)]
    public int? NumUnits { get; set; }

    [Description("Placement of the units on machines, e.g. \"0\", \"lxd:1\", \"new\" (to); the last entry repeats for the remaining units.")]
    [Length(max: JujuLimits.NameLength)]
    public List<string>? To { get; set; }

    [Description("Kubernetes placement, a node selector (placement). Not with to.")]
    [Length(max: JujuLimits.ConstraintsLength)]
    public string? Placement { get; set; }

    [Description("Expose the application to the world (expose).")]
    public bool? Expose { get; set; }

    [Description("Charm config, as the strings juju config takes (options).")]
    [Length(max: JujuLimits.ConfigValueLength)]
    [Properties(max: JujuLimits.OptionKeys)]
    public Dictionary<string, string>? Options { get; set; }

    [Description("Application constraints in Juju's syntax (constraints); they win over the model's.")]
    [Pattern(JujuPatterns.Constraints)]
    [Length(max: JujuLimits.ConstraintsLength)]
    public string? Constraints { get; set; }

    [Description("Storage directives name: \"pool,size,count\" (storage).")]
    [Length(max: JujuLimits.NameLength)]
    [Properties(max: JujuLimits.OptionKeys)]
    public Dictionary<string, string>? Storage { get; set; }

    [Description("Endpoint bindings endpoint: space; the empty endpoint sets the default space (bindings).")]
    [Length(max: JujuLimits.NameLength)]
    [Properties(max: JujuLimits.OptionKeys)]
    public Dictionary<string, string>? Bindings { get; set; }

    [Description("Charm resources name: revision or local path (resources).")]
    [Length(max: JujuLimits.NameLength)]
    [Properties(max: JujuLimits.OptionKeys)]
    public Dictionary<string, string>? Resources { get; set; }

    [Description("Grant the charm access to the cloud credential (trust).")]
    public bool? Trust { get; set; }

    [Description("Free-form annotations (annotations).")]
    [Length(max: JujuLimits.ConfigValueLength)]
    [Properties(max: JujuLimits.OptionKeys)]
    public Dictionary<string, string>? Annotations { get; set; }
}
