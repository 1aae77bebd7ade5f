using System.Globalization;
using JujuOps.Domain.Quantities;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// The model's optional aggregate budget (our extension, apart from Juju's per-unit constraints) as a
/// ResourceQuota, which the API server enforces for the whole namespace. The plan has checked the budget, so
/// nothing here can fail: each quantity is its canonical spelling, bounded, which ResourceQuantity parses cheaply.
/// </summary>
public static class BudgetResourceQuota
{
    public const string Name = "juju-budget";

    /// <summary>
    /// The quota's hard limits. Memory and CPU are limits, not requests: the budget caps what the model may use,
    /// and the constraint LimitRange gives every container a limit to count.
    /// </summary>
    public static Dictionary<string, ResourceQuantity> HardLimits(ModelBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var hard = new Dictionary<string, ResourceQuantity>();
        AddQuantity(hard, "limits.memory", budget.Memory);
        AddQuantity(hard, "limits.cpu", budget.Cpu);
        AddCount(hard, "pods", budget.Instances);
        AddQuantity(hard, "requests.storage", budget.Storage);
        AddCount(hard, "persistentvolumeclaims", budget.Volumes);
        return hard;
    }

    /// <summary>The quota for the model, or null when there is no budget or it limits nothing.</summary>
    public static V1ResourceQuota? For(ModelIdentity identity, ModelBudget? budget)
    {
        if (budget is null)
            return null;
        var hard = HardLimits(budget);
        return hard.Count == 0
            ? null
            : new V1ResourceQuota { Metadata = ModelObjects.Metadata(identity, Name), Spec = new V1ResourceQuotaSpec { Hard = hard } };
    }

    private static void AddQuantity(Dictionary<string, ResourceQuantity> hard, string resource, Quantity? quantity)
    {
        if (quantity is not null)
            hard[resource] = new ResourceQuantity(quantity.Canonical);
    }

    private static void AddCount(Dictionary<string, ResourceQuantity> hard, string resource, int? count)
    {
        if (count is { } value)
            hard[resource] = new ResourceQuantity(value.ToString(CultureInfo.InvariantCulture));
    }
}
