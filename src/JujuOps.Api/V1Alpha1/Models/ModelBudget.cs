using JujuOps.Api.Schema;
using k8s.Models;

namespace JujuOps.Api.V1Alpha1.Models;

/// <summary>
/// Aggregate limits over the whole model. Kept apart from Juju constraints because constraints are per machine
/// minimums (or per pod maximums) and know nothing of totals. Quantities use Kubernetes notation, as the
/// Kubernetes provider turns them into a ResourceQuota and the LXD provider sums them itself.
/// </summary>
[Description("Limits on the model as a whole.")]
public sealed class ModelBudget
{
    [Description("The most memory all machines or units together may have, as a Kubernetes quantity, e.g. 8Gi.")]
    public ResourceQuantity? Memory { get; set; }

    [Description("The most CPU all machines or units together may have, as a Kubernetes quantity, e.g. 4 or 2500m.")]
    public ResourceQuantity? Cpu { get; set; }

    [Description("The most machines (on Kubernetes: pods) the model may have at once.")]
    [Minimum(0)]
    public int? Instances { get; set; }

    [Description("The most storage all volumes and filesystems together may have, as a Kubernetes quantity, e.g. 100Gi.")]
    public ResourceQuantity? Storage { get; set; }

    [Description("The most volumes (on Kubernetes: persistent volume claims) the model may have.")]
    [Minimum(0)]
    public int? Volumes { get; set; }
}
