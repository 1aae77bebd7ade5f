using k8s;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// What the provider may know about the cluster's objects without asking the API server: the operator backs it with
/// its informer caches on its own cluster, so that a reconcile of an unchanged model reads nothing from the server.
/// A copy here may lag the server; the provider copes (a stale resourceVersion or an object it thought absent make
/// the write fail with 409, and it then reads live once). Objects handed out are shared: never change them.
/// </summary>
public interface IClusterObjects
{
    /// <summary>The object (<paramref name="ns"/> null for a cluster-scoped kind), its absence, or that this kind is not held.</summary>
    ClusterLookup<T> TryGet<T>(string? ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Every object of the kind in <paramref name="ns"/>, or null when this kind (or its cache, not yet synced) is not held.</summary>
    IReadOnlyList<T>? TryList<T>(string ns)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// The server's answer to one of our creates, replaces or patches, so that the next read sees our write at once
    /// (read-after-write) instead of the older copy until the watch brings it. There is no counterpart for deletes:
    /// the watch removes the object, and an object still held after our delete only costs a DELETE answered 404.
    /// </summary>
    void Written<T>(T written)
        where T : class, IKubernetesObject<V1ObjectMeta>;
}

/// <summary>The answer of <see cref="IClusterObjects.TryGet{T}"/>: held (and then <see cref="Item"/>, null when absent), or not held.</summary>
public readonly record struct ClusterLookup<T>(bool IsHeld, T? Item)
    where T : class;

public static class ClusterLookup
{
    /// <summary>This kind (or this cache, not yet synced) is not held: read it from the API server.</summary>
    public static ClusterLookup<T> NotHeld<T>()
        where T : class => default;

    public static ClusterLookup<T> Absent<T>()
        where T : class => new(true, null);

    public static ClusterLookup<T> Found<T>(T item)
        where T : class => new(true, item ?? throw new ArgumentNullException(nameof(item)));
}

/// <summary>Holds nothing, so every read goes to the API server: remote clusters, which the operator does not watch, and tools.</summary>
public sealed class LiveClusterObjects : IClusterObjects
{
    public static LiveClusterObjects Instance { get; } = new();

    private LiveClusterObjects()
    {
    }

    public ClusterLookup<T> TryGet<T>(string? ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> => ClusterLookup.NotHeld<T>();

    public IReadOnlyList<T>? TryList<T>(string ns)
        where T : class, IKubernetesObject<V1ObjectMeta> => null;

    public void Written<T>(T written)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
    }
}
