using System.Text.Json;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Constraints;
using JujuOps.Operator.Models;
using JujuOps.Providers.Kubernetes;
using k8s.Models;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// Juju's constraints on a Kubernetes model's pods (reference §13.5): the model's constraints, overridden by those of
/// the pod's application (label <c>app.kubernetes.io/name</c>), become every container's limits, with the same
/// quantities the model's LimitRange uses. A container asking for more than that is lowered to it; a request above
/// the new limit is lowered too, or the pod would be invalid. <c>tags</c> and <c>zones</c> become its required node
/// affinity (<see cref="PodPlacement"/>). Pure: the JSON patch for one pod.
/// </summary>
public static class PodConstraints
{
    public const string ApplicationLabel = "app.kubernetes.io/name";

    /// <summary>The merged constraints for a pod of <paramref name="model"/> labelled with <paramref name="application"/>.</summary>
    public static Constraints For(JujuModel model, string? application)
    {
        ArgumentNullException.ThrowIfNull(model);
        var modelConstraints = ModelPlanner.ParseConstraints(model.Spec.Constraints, "kubernetes", out _);
        var own = application is not null && model.Spec.Applications?.GetValueOrDefault(application)?.Constraints is { } text
            ? ModelPlanner.ParseConstraints(text, "kubernetes", out _)
            : Constraints.Empty;
        return ConstraintsValidator.ForProvider("kubernetes").Resolve(modelConstraints, own);
    }

    /// <summary>
    /// JSON patch operations (as a JSON array) for <paramref name="pod"/>, or null when nothing changes: the limits,
    /// then the node affinity (<see cref="PodPlacement"/>). <paramref name="warning"/> is Juju's text for tags that
    /// cannot be node affinity (the pod is then placed as if it had none).
    /// </summary>
    public static string? Patch(JsonNode pod, Constraints constraints, out string? warning)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var operations = new JsonArray();
        var limits = ConstraintLimitRange.ContainerLimits(constraints);
        foreach (var list in new[] { "initContainers", "containers" })
        {
            // Read with "as": the API server sends valid pods, but a node of another shape must not throw.
            if (limits.Count == 0 || (pod as JsonObject)?["spec"] is not JsonObject spec || spec[list] is not JsonArray containers)
                continue;
            for (var i = 0; i < containers.Count; i++)
            {
                if (containers[i] is JsonObject container)
                    Limit(operations, $"/spec/{list}/{i}/resources", container["resources"] as JsonObject, limits);
            }
        }

        PodPlacement.AddOperations(operations, pod, PodPlacement.NodeRequirements(constraints, out warning));
        return operations.Count == 0 ? null : operations.ToJsonString();
    }

    private static void Limit(JsonArray operations, string path, JsonObject? resources, Dictionary<string, ResourceQuantity> limits)
    {
        if (resources is null)
        {
            operations.Add(PodPlacement.Add(path, new JsonObject { ["limits"] = Quantities(limits) }));
            return;
        }

        var current = resources["limits"] as JsonObject;
        if (current is null)
            operations.Add(PodPlacement.Add(path + "/limits", Quantities(limits)));
        var requests = resources["requests"] as JsonObject;
        foreach (var (name, limit) in limits)
        {
            if (current is not null && (current[name] is null || Larger(current[name], limit)))
                operations.Add(PodPlacement.Add(path + "/limits/" + name, JsonValue.Create(limit.ToString())));
            if (Larger(requests?[name], limit))
                operations.Add(PodPlacement.Add(path + "/requests/" + name, JsonValue.Create(limit.ToString())));
        }
    }

    /// <summary>True when <paramref name="value"/> is a quantity above <paramref name="limit"/>; an unreadable one counts as above.</summary>
    private static bool Larger(JsonNode? value, ResourceQuantity limit)
    {
        if (value is null)
            return false;
        try
        {
            return new ResourceQuantity(value.ToString()).ToDecimal() > limit.ToDecimal();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return true;
        }
    }

    private static JsonObject Quantities(Dictionary<string, ResourceQuantity> limits) =>
        new(limits.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value.ToString()))));

    /// <summary>Reads a pod's application label from the raw object.</summary>
    public static string? ApplicationOf(JsonNode pod) =>
        ((pod as JsonObject)?["metadata"] as JsonObject)?["labels"] is JsonObject labels
        && labels[ApplicationLabel] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static JsonNode? Parse(JsonElement element) => JsonNode.Parse(element.GetRawText());
}
