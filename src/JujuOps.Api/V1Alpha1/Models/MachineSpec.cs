using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Api.V1Alpha1.Models;

/// <summary>One machine as a bundle declares it; applications place units on it through <c>to</c>.</summary>
[Description("A machine, as in a bundle's machines section.")]
public sealed class MachineSpec
{
    [Description("Machine constraints in Juju's syntax (constraints).")]
    [Pattern(JujuPatterns.Constraints)]
    [Length(max: JujuLimits.ConstraintsLength)]
    public string? Constraints { get; set; }

    [Description("The base, e.g. ubuntu@22.04 (base).")]
    [Length(max: JujuLimits.NameLength)]
    public string? Base { get; set; }

    [Description("Free-form annotations (annotations).")]
    [Length(max: JujuLimits.ConfigValueLength)]
    [Properties(max: JujuLimits.OptionKeys)]
    public Dictionary<string, string>? Annotations { get; set; }
}
