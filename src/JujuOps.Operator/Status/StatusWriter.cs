using System.Text.Json.Nodes;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Operator.Status;

/// <summary>
/// Writes a status only when it differs from the one in the cache (observedGeneration included). A reconcile that
/// finds everything as it should be therefore sends nothing, which is what keeps the operator silent at rest.
/// </summary>
public static class StatusWriter
{
    /// <summary>A deep copy of the current status to edit, or a new one.</summary>
    public static TStatus Copy<TStatus>(TStatus? current) where TStatus : class, new() =>
        current is null ? new TStatus() : KubernetesJson.Deserialize<TStatus>(KubernetesJson.Serialize(current));

    public static async Task<T> WriteIfChangedAsync<T, TStatus>(ResourceClient<T> client, T resource, TStatus? current, TStatus desired, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TStatus : Api.V1Alpha1.Common.ResourceStatus
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(desired);
        desired.ObservedGeneration = resource.Metadata.Generation;
        if (current is not null && KubernetesJson.Serialize(current) == KubernetesJson.Serialize(desired))
            return resource;
        return await client.MergePatchStatusAsync(ObjectKey.Of(resource), new JsonObject { ["status"] = MergePatch(current, desired) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The desired status as a JSON merge patch over the stored one. The serializer leaves null fields out, and a merge
    /// patch keeps every key it does not name, so a field that became null (a message gone, a record cleared) is sent
    /// as an explicit null; otherwise it would stay on the server for good.
    /// </summary>
    public static JsonObject MergePatch<TStatus>(TStatus? stored, TStatus desired) where TStatus : class
    {
        var patch = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(desired))!;
        if (stored is not null)
            ClearRemoved(patch, JsonNode.Parse(KubernetesJson.Serialize(stored)) as JsonObject);
        return patch;
    }

    private static void ClearRemoved(JsonObject desired, JsonObject? stored)
    {
        if (stored is null)
            return;
        foreach (var (key, old) in stored)
        {
            if (!desired.TryGetPropertyValue(key, out var now))
                desired[key] = null;
            else if (now is JsonObject nested && old is JsonObject previous)
                ClearRemoved(nested, previous);
        }
    }
}
