using System.Text.Json.Nodes;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Hosting;
using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace JujuOps.Runtime.Client;

/// <summary>
/// Writes one kind and puts every response straight into the shared cache (read-after-write): the next reconcile
/// sees our own change even before its watch event arrives, and that event, carrying the same resourceVersion, does
/// not trigger another reconcile. Deletes are left to the watch: the object may live on behind its finalizers.
/// </summary>
public sealed class ResourceClient<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ResourceApi<T> _api;
    private readonly ResourceStore<T>? _store;
    private readonly string? _fieldManager;

    /// <summary>The DI constructor: writes through the shared informer's cache of <typeparamref name="T"/>.</summary>
    public ResourceClient(IKubernetes kubernetes, SharedInformerFactory informers, IOptions<RuntimeOptions> options)
        : this(new ResourceApi<T>(kubernetes), informers?.GetInformer<T>().Store, options?.Value.FieldManager)
    {
    }

    /// <param name="api">The raw calls.</param>
    /// <param name="store">The cache to update; null writes without one (tools, benchmarks).</param>
    /// <param name="fieldManager">Recorded as the writer of the fields we set.</param>
    public ResourceClient(ResourceApi<T> api, ResourceStore<T>? store, string? fieldManager)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        _store = store;
        _fieldManager = fieldManager;
    }

    public ResourceDescriptor Descriptor => _api.Descriptor;

    /// <summary>A live read (not from the cache); the result refreshes the cache.</summary>
    public async Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var resource = await _api.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return resource is null ? null : Remember(resource);
    }

    public async Task<T> CreateAsync(T resource, CancellationToken cancellationToken) =>
        Remember(await _api.CreateAsync(resource, _fieldManager, cancellationToken).ConfigureAwait(false));

    /// <summary>Sends any patch (merge, JSON patch, strategic merge for built-in kinds, apply) to the object.</summary>
    public async Task<T> PatchAsync(ObjectKey key, V1Patch patch, CancellationToken cancellationToken) =>
        Remember(await _api.PatchAsync(key, patch, _fieldManager, cancellationToken).ConfigureAwait(false));

    /// <summary>A JSON merge patch (RFC 7386) of the object: fields present are set, lists are replaced whole.</summary>
    public Task<T> MergePatchAsync(ObjectKey key, JsonNode patch, CancellationToken cancellationToken) =>
        PatchAsync(key, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), cancellationToken);

    /// <summary>A JSON merge patch of the <c>/status</c> subresource; <paramref name="patch"/> is the whole body, <c>{"status": ...}</c>.</summary>
    public async Task<T> MergePatchStatusAsync(ObjectKey key, JsonNode patch, CancellationToken cancellationToken) =>
        Remember(await _api.PatchStatusAsync(key, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), _fieldManager, cancellationToken).ConfigureAwait(false));

    /// <summary>Deletes the object (background propagation by default); false when it was already gone.</summary>
    public Task<bool> DeleteAsync(ObjectKey key, CancellationToken cancellationToken, string? propagationPolicy = null) =>
        _api.DeleteAsync(key, propagationPolicy, cancellationToken);

    /// <summary>
    /// Read-after-write: the server's answer goes into the cache at once, under the store's rules
    /// (<see cref="ResourceStore{T}.Upsert"/>): an answer older than what the cache holds, or for an object the cache
    /// has already seen deleted (the watch got ahead of this answer), changes nothing; an answer that shows the
    /// deletion finished (the last finalizer removed) takes the object out of the cache rather than keeping it in.
    /// </summary>
    private T Remember(T resource)
    {
        _store?.Upsert(resource);
        return resource;
    }
}
