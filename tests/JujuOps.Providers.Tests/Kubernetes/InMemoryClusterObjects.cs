using JujuOps.Providers.Kubernetes;
using k8s;
using k8s.Models;

namespace JujuOps.Providers.Tests.Kubernetes;

/// <summary>
/// A test double of <see cref="IClusterObjects"/> standing in for the operator's informer caches: it holds the kinds
/// the operator watches, knows what the test put in and what the provider wrote, and nothing else (no watch
/// keeps it up to date, so a test can make it as stale as it likes).
/// </summary>
internal sealed class InMemoryClusterObjects : IClusterObjects
{
    private static readonly HashSet<Type> HeldKinds = [typeof(V1Namespace), typeof(V1LimitRange), typeof(V1ResourceQuota), typeof(V1Role), typeof(V1RoleBinding),
        typeof(V1StatefulSet), typeof(V1Deployment), typeof(V1PersistentVolumeClaim)];

    private readonly Dictionary<(Type Kind, string? Namespace, string Name), object> items = [];

    public ClusterLookup<T> TryGet<T>(string? ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!HeldKinds.Contains(typeof(T)))
            return ClusterLookup.NotHeld<T>();
        return items.TryGetValue(Key<T>(ns, name), out var item) ? ClusterLookup.Found((T)item) : ClusterLookup.Absent<T>();
    }

    public IReadOnlyList<T>? TryList<T>(string ns)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        HeldKinds.Contains(typeof(T)) ? [.. items.Where(e => e.Key.Kind == typeof(T) && e.Key.Namespace == ns).Select(e => (T)e.Value)] : null;

    public void Written<T>(T written)
        where T : class, IKubernetesObject<V1ObjectMeta> => Put(written);

    public void Put<T>(T item)
        where T : class, IKubernetesObject<V1ObjectMeta> => items[Key<T>(item.Namespace(), item.Name())] = item;

    public void Remove<T>(string? ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> => items.Remove(Key<T>(ns, name));

    private static (Type, string?, string) Key<T>(string? ns, string name) => (typeof(T), string.IsNullOrEmpty(ns) ? null : ns, name);
}
