using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Cache;

/// <summary>
/// The informer's view of one kind, for reconcilers to read instead of calling the API. It may lag the server a
/// little (not for our own writes through <see cref="Client.ResourceClient{T}"/>, which land here at once), so
/// reconcilers must be idempotent. Returned objects are shared: treat them as read-only, and build patches instead
/// of mutating them (or copy with <see cref="ResourceCopy.DeepCopy{T}"/>).
/// </summary>
public interface IResourceCache<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>True once the first list has been loaded.</summary>
    bool HasSynced { get; }

    T? Get(ObjectKey key);

    T? Get(string? @namespace, string name);

    /// <summary>All objects, or those of one namespace.</summary>
    IReadOnlyList<T> List(string? @namespace = null);

    /// <summary>Objects whose index <paramref name="indexName"/> holds <paramref name="value"/> (see <see cref="CacheIndexes"/>).</summary>
    IReadOnlyList<T> ByIndex(string indexName, string value);

    /// <summary>
    /// Objects the server holds that do not decode into <typeparamref name="T"/>. They are absent from the cache (no
    /// stale copy is kept); a reconciler that decides from the absence of objects (a parent that may go once it has no
    /// children) should wait while any are listed here.
    /// </summary>
    IReadOnlyList<UndecodableObject> Undecodable { get; }

    /// <summary>Waits until <see cref="HasSynced"/>.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
