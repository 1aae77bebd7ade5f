using System.Text.Json;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Client;

/// <summary>
/// The raw API calls for one kind, over KubernetesClient's generic custom-object operations. No caching here:
/// <see cref="ResourceClient{T}"/> adds read-after-write on top, the informer uses the list and watch calls.
/// </summary>
public sealed class ResourceApi<T>(IKubernetes kubernetes, ResourceDescriptor descriptor)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ICustomObjectsOperations _objects = kubernetes.CustomObjects;

    public ResourceApi(IKubernetes kubernetes) : this(kubernetes, ResourceDescriptor.For<T>())
    {
    }

    public ResourceDescriptor Descriptor { get; } = descriptor;

    /// <summary>One page of a consistent list (no resourceVersion: served from etcd, with continue tokens).</summary>
    public async Task<KubernetesList<T>> ListPageAsync(string? @namespace, string? labelSelector, int limit, string? continueToken, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        var page = @namespace is null
            ? await _objects.ListClusterCustomObjectAsync<KubernetesList<T>>(d.Group, d.Version, d.Plural,
                continueParameter: continueToken, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _objects.ListNamespacedCustomObjectAsync<KubernetesList<T>>(d.Group, d.Version, @namespace, d.Plural,
                continueParameter: continueToken, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return page ?? throw new InvalidOperationException($"empty list response for {d.Plural}");
    }

    /// <summary>
    /// A watch from <paramref name="resourceVersion"/> with bookmarks. Status (ERROR) events, such as 410, are not
    /// yielded by KubernetesClient; they reach <paramref name="onError"/> and the stream then ends.
    /// </summary>
    public IAsyncEnumerable<(WatchEventType Type, object Object)> WatchAsync(string? @namespace, string? labelSelector, string resourceVersion,
        int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        return @namespace is null
            ? _objects.WatchListClusterCustomObjectAsync(d.Group, d.Version, d.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken)
            : _objects.WatchListNamespacedCustomObjectAsync(d.Group, d.Version, @namespace, d.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken);
    }

    /// <summary>Reads one object from the server; null when it does not exist.</summary>
    public async Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        try
        {
            return key.Namespace is null || !d.Namespaced
                ? await _objects.GetClusterCustomObjectAsync<T>(d.Group, d.Version, d.Plural, key.Name, cancellationToken).ConfigureAwait(false)
                : await _objects.GetNamespacedCustomObjectAsync<T>(d.Group, d.Version, key.Namespace, d.Plural, key.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<T> CreateAsync(T resource, string? fieldManager, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var d = Descriptor;
        resource.ApiVersion ??= d.ApiVersion;
        resource.Kind ??= d.Kind;
        var ns = resource.Metadata?.NamespaceProperty;
        return d.Namespaced
            ? await _objects.CreateNamespacedCustomObjectAsync<T>(resource, d.Group, d.Version, ns ?? throw new ArgumentException($"a {d.Kind} needs a namespace", nameof(resource)),
                d.Plural, fieldManager: fieldManager, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _objects.CreateClusterCustomObjectAsync<T>(resource, d.Group, d.Version, d.Plural, fieldManager: fieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> PatchAsync(ObjectKey key, V1Patch patch, string? fieldManager, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        return key.Namespace is null || !d.Namespaced
            ? await _objects.PatchClusterCustomObjectAsync<T>(patch, d.Group, d.Version, d.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _objects.PatchNamespacedCustomObjectAsync<T>(patch, d.Group, d.Version, key.Namespace, d.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> PatchStatusAsync(ObjectKey key, V1Patch patch, string? fieldManager, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        return key.Namespace is null || !d.Namespaced
            ? await _objects.PatchClusterCustomObjectStatusAsync<T>(patch, d.Group, d.Version, d.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _objects.PatchNamespacedCustomObjectStatusAsync<T>(patch, d.Group, d.Version, key.Namespace, d.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the object; returns false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ObjectKey key, string? propagationPolicy, CancellationToken cancellationToken)
    {
        var d = Descriptor;
        try
        {
            if (key.Namespace is null || !d.Namespaced)
                await _objects.DeleteClusterCustomObjectAsync(d.Group, d.Version, d.Plural, key.Name, propagationPolicy: propagationPolicy,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            else
                await _objects.DeleteNamespacedCustomObjectAsync(d.Group, d.Version, key.Namespace, d.Plural, key.Name, propagationPolicy: propagationPolicy,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
            return false;
        }
    }
}

/// <summary>Decoding of watch payloads.</summary>
public static class WatchPayload
{
    /// <summary>
    /// Reads key and resourceVersion without decoding the whole object, so the informer can skip the echo of our
    /// own writes (already in the cache at that version) cheaply.
    /// </summary>
    public static bool TryReadIdentity(object payload, out ObjectKey key, out string? resourceVersion)
    {
        key = default;
        resourceVersion = null;
        if (payload is not JsonElement { ValueKind: JsonValueKind.Object } element || !element.TryGetProperty("metadata", out var metadata)
            || !metadata.TryGetProperty("name", out var name) || name.GetString() is not { } nameValue)
            return false;
        var ns = metadata.TryGetProperty("namespace", out var nsElement) ? nsElement.GetString() : null;
        key = new ObjectKey(string.IsNullOrEmpty(ns) ? null : ns, nameValue);
        resourceVersion = metadata.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() : null;
        return true;
    }

    /// <summary>Converts a watch event's payload (a <see cref="JsonElement"/>) into <typeparamref name="T"/>.</summary>
    public static T? Decode<T>(object payload) where T : class => payload switch
    {
        T typed => typed,
        JsonElement element => KubernetesJson.Deserialize<T>(element),
        _ => null,
    };
}
