using System.Globalization;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// The model's optional aggregate budget (our extension, apart from Juju's per-unit constraints) as a
/// ResourceQuota, which the API server enforces for the whole namespace.
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
        AddQuantity(hard, "limits.memory", budget.Memory, "memory");
        AddQuantity(hard, "limits.cpu", budget.Cpu, "cpu");
        AddCount(hard, "pods", budget.Pods, "pods");
        AddQuantity(hard, "requests.storage", budget.Storage, "storage");
        AddCount(hard, "persistentvolumeclaims", budget.PersistentVolumeClaims, "persistent-volume-claims");
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

    private static void AddQuantity(Dictionary<string, ResourceQuantity> hard, string resource, string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
            return;
        ResourceQuantity quantity;
        try
        {
            quantity = new ResourceQuantity(value);
        }
        catch (FormatException e)
        {
            throw new ModelRefusedException($"budget {field} {Quote(value)} not valid: {e.Message}", e);
        }

        hard[resource] = quantity.ToDecimal() >= 0
            ? quantity
            : throw new ModelRefusedException($"budget {field} {Quote(value)} not valid: must not be negative");
    }

    private static void AddCount(Dictionary<string, ResourceQuantity> hard, string resource, int? value, string field)
    {
        if (value is not { } count)
            return;
        hard[resource] = count >= 0
            ? new ResourceQuantity(count.ToString(CultureInfo.InvariantCulture))
            : throw new ModelRefusedException(string.Create(CultureInfo.InvariantCulture, $"budget {field} {count} not valid: must not be negative"));
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
