using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Api.V1Alpha1.Models;

/// <summary>
/// Aggregate limits over the whole model. Kept apart from Juju constraints because constraints are per machine
/// minimums (or per pod maximums) and know nothing of totals.
/// </summary>
[Description("Limits on the model as a whole.")]
public sealed class ModelBudget
{
    [Description("The most memory all machines or units together may have, as a Juju size (MiB, or with an M, G, T or P suffix).")]
    [Pattern(JujuPatterns.Size)]
    public string? Memory { get; set; }

    [Description("The most CPU cores all machines or units together may have.")]
    [Minimum(0)]
    public int? Cores { get; set; }

    [Description("The most machines (or, on Kubernetes, units) the model may have.")]
    [Minimum(0)]
    public int? Instances { get; set; }

    [Description("The most storage all volumes and filesystems together may have, as a Juju size.")]
    [Pattern(JujuPatterns.Size)]
    public string? Storage { get; set; }
}
