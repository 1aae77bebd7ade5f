using JujuOps.Runtime.Client;
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
        return await client.PatchStatusAsync(resource, desired, cancellationToken).ConfigureAwait(false);
    }
}
