using System.Text.Json.Nodes;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Client;

/// <summary>Finalizer and status helpers over <see cref="ResourceClient{T}"/>.</summary>
public static class ResourceClientExtensions
{
    /// <summary>
    /// Adds <paramref name="finalizer"/> if missing (do this first, and return, before creating anything the finalizer
    /// must clean up). A merge patch of the whole list guarded by the resourceVersion: if someone changed the object
    /// since we read it, the server answers 409 and the reconcile is quietly retried with fresh state.
    /// Returns the object as it is now (unchanged when the finalizer was there).
    /// </summary>
    public static async Task<T> AddFinalizerAsync<T>(this ResourceClient<T> client, T resource, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        var current = resource.Metadata.Finalizers ?? [];
        if (current.Contains(finalizer))
            return resource;
        return await PatchFinalizersAsync(client, resource, [.. current, finalizer], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes <paramref name="finalizer"/> (do this last, after cleanup); same optimistic lock as adding. An object
    /// that is already gone counts as done: the cache can still show the finalizer for a moment after an earlier
    /// reconcile removed it and the deletion completed, and a reconcile woken then must not fail on the 404.
    /// </summary>
    public static async Task<T> RemoveFinalizerAsync<T>(this ResourceClient<T> client, T resource, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        var current = resource.Metadata.Finalizers ?? [];
        if (!current.Contains(finalizer))
            return resource;
        try
        {
            return await PatchFinalizersAsync(client, resource, [.. current.Where(f => !string.Equals(f, finalizer, StringComparison.Ordinal))], cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsNotFound(e) && resource.Metadata.DeletionTimestamp is not null)
        {
            return resource;
        }
    }

    /// <summary>
    /// Writes <paramref name="status"/> with a merge patch of <c>/status</c>, with <c>status.observedGeneration</c> set to
    /// the object's generation: call it after a successful reconcile of that generation. Null members of
    /// <paramref name="status"/> are left as they are on the server (merge-patch semantics).
    /// </summary>
    public static Task<T> PatchStatusAsync<T>(this ResourceClient<T> client, T resource, object status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        var statusNode = JsonNode.Parse(KubernetesJson.Serialize(status)) as JsonObject
            ?? throw new ArgumentException("status must serialize to a JSON object", nameof(status));
        if (resource.Metadata.Generation is { } generation)
            statusNode["observedGeneration"] = generation;
        return client.MergePatchStatusAsync(ObjectKey.Of(resource), new JsonObject { ["status"] = statusNode }, cancellationToken);
    }

    private static Task<T> PatchFinalizersAsync<T>(ResourceClient<T> client, T resource, IEnumerable<string> finalizers, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = resource.Metadata.ResourceVersion,
                ["finalizers"] = new JsonArray([.. finalizers.Select(f => JsonValue.Create(f))]),
            },
        };
        return client.MergePatchAsync(ObjectKey.Of(resource), patch, cancellationToken);
    }
}
