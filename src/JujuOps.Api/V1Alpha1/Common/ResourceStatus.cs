using JujuOps.Api.Schema;

namespace JujuOps.Api.V1Alpha1.Common;

/// <summary>What every kind's status starts with: the generation it reflects and its conditions.</summary>
public abstract class ResourceStatus
{
    [Description("The metadata.generation this status reflects; while it lags behind, the resource is still reconciling.")]
    [Minimum(0)]
    public long? ObservedGeneration { get; set; }

    [Description("The resource's conditions: at least Ready, Reconciling and Stalled, plus kind-specific ones.")]
    [ListMapKeys("type")]
    public List<Condition>? Conditions { get; set; }
}
