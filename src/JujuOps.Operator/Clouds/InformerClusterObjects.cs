using JujuOps.Providers.Kubernetes;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Hosting;
using JujuOps.Runtime.Informers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// The Kubernetes provider's reads on the operator's own cluster, from the informer caches the drift watch already
/// keeps (namespaces, LimitRanges, ResourceQuotas, Roles, RoleBindings), and of the kinds its inventory counts
/// (StatefulSets, Deployments, claims) and the pods of model applications: a reconcile of an unchanged model then asks the API server nothing. Other kinds, and a cache not yet synced, are read live. Never for a
/// remote cluster: these caches watch this one.
/// </summary>
public sealed class InformerClusterObjects : IClusterObjects
{
    private readonly Dictionary<Type, object> stores = [];

    public InformerClusterObjects(SharedInformerFactory informers, IOptions<RuntimeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(informers);
        ArgumentNullException.ThrowIfNull(options);
        // Informers confined to one namespace would call everything elsewhere absent: then read everything live.
        if (options.Value.Informers.Namespace is not null)
            return;
        Hold<V1Namespace>(informers);
        Hold<V1LimitRange>(informers);
        Hold<V1ResourceQuota>(informers);
        Hold<V1Role>(informers);
        Hold<V1RoleBinding>(informers);
        // The inventory a model's status counts (ModelInventory): held so that a reconcile of an unchanged model reads
        // nothing at all. Cluster-wide like the rest; the caches keep them without managedFields (CachedForm).
        Hold<V1StatefulSet>(informers);
        Hold<V1Deployment>(informers);
        Hold<V1PersistentVolumeClaim>(informers);
        // The units: only the pods of model applications (the runtime lists and watches them by
        // ApplicationStatefulSet.PodSelector), so a unit's status follows its pod without a request.
        Hold<V1Pod>(informers);
    }

    public ClusterLookup<T> TryGet<T>(string? ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        // Before the first list has loaded, a missing object proves nothing.
        if (StoreOf<T>() is not { HasSynced: true } store)
            return ClusterLookup.NotHeld<T>();
        return store.Get(ns, name) is { } item ? ClusterLookup.Found(item) : ClusterLookup.Absent<T>();
    }

    public IReadOnlyList<T>? TryList<T>(string ns)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        StoreOf<T>() is { HasSynced: true } store ? store.List(ns) : null;

    /// <summary>
    /// Into the cache at once, as <see cref="Runtime.Client.ResourceClient{T}"/> does: the watch's echo of the same
    /// resourceVersion then changes nothing and wakes nobody, and a reconcile before it sees our write, not the copy
    /// it replaced (which would cost a 409). An answer showing a deletion with no finalizer left is not cached: if
    /// the watch's delete event came first, it would bring a gone object back for good.
    /// </summary>
    public void Written<T>(T written)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(written);
        if (written.Metadata.DeletionTimestamp is null || written.Metadata.Finalizers is { Count: > 0 })
            StoreOf<T>()?.Upsert(written);
    }

    private void Hold<T>(SharedInformerFactory informers)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        stores[typeof(T)] = informers.GetInformer<T>().Store;

    private ResourceStore<T>? StoreOf<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        stores.GetValueOrDefault(typeof(T)) as ResourceStore<T>;
}
