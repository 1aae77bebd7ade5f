using JujuOps.Api.Schema;

namespace JujuOps.Api.V1Alpha1.Models;

/// <summary>
/// Aggregate limits over the whole model. Kept apart from Juju constraints because constraints are per machine
/// minimums (or per pod maximums) and know nothing of totals. Quantities use Kubernetes notation and are kept as the
/// user wrote them; the plan parses them (<see cref="Domain.Quantities.Quantity"/>), so a bad one is refused in the
/// user's own spelling before anything is made, and no value can fail to decode.
/// </summary>
[Description("Limits on the model as a whole.")]
public sealed class ModelBudget
{
    [Description("The most memory all machines or units together may have, as a Kubernetes quantity, e.g. 8Gi; below 8Ei.")]
    [Quantity]
    public string? Memory { get; set; }

    [Description("The most CPU all machines or units together may have, as a Kubernetes quantity, e.g. 4 or 2500m.")]
    [Quantity]
    public string? Cpu { get; set; }

    [Description("The most machines (on Kubernetes: pods) the model may have at once.")]
    [Minimum(0)]
    public int? Instances { get; set; }

    [Description("The most storage all volumes and filesystems together may have, as a Kubernetes quantity, e.g. 100Gi; below 8Ei.")]
    [Quantity]
    public string? Storage { get; set; }

    [Description("The most volumes (on Kubernetes: persistent volume claims) the model may have.")]
    [Minimum(0)]
    public int? Volumes { get; set; }
}
