using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Queue;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Controllers;

/// <summary>Turns an informer's changes into work-queue keys: filters with predicates, then maps objects to keys.</summary>
internal sealed class EnqueueHandler<T>(WorkQueue<ObjectKey> queue, Func<T, IEnumerable<ObjectKey>> map, IReadOnlyList<ResourcePredicate<T>> predicates)
    : IResourceEventHandler<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    public void OnAdd(T resource, bool isInInitialList)
    {
        if (predicates.All(p => p.Create(resource)))
            Enqueue(resource);
    }

    public void OnUpdate(T oldResource, T newResource)
    {
        if (predicates.All(p => p.Update(oldResource, newResource)))
            Enqueue(newResource);
    }

    public void OnDelete(T resource)
    {
        if (predicates.All(p => p.Delete(resource)))
            Enqueue(resource);
    }

    private void Enqueue(T resource)
    {
        foreach (var key in map(resource))
            queue.Add(key);
    }
}

/// <summary>Key mappers for secondary watches.</summary>
public static class KeyMappers
{
    /// <summary>The object's own key.</summary>
    public static IEnumerable<ObjectKey> Self<T>(T resource) where T : class, IKubernetesObject<V1ObjectMeta> => [ObjectKey.Of(resource)];

    /// <summary>
    /// The key of the controller owner of kind <paramref name="owner"/> (owner references carry no namespace: a namespaced
    /// owner is in the child's namespace, a cluster-scoped one has none).
    /// </summary>
    public static Func<T, IEnumerable<ObjectKey>> ControllerOwner<T>(ResourceDescriptor owner) where T : class, IKubernetesObject<V1ObjectMeta> =>
        resource =>
        {
            var reference = resource.Metadata?.OwnerReferences?.FirstOrDefault(r =>
                r.Controller == true && string.Equals(r.Kind, owner.Kind, StringComparison.Ordinal) && string.Equals(r.ApiVersion, owner.ApiVersion, StringComparison.Ordinal));
            return reference is null ? [] : [new ObjectKey(owner.Namespaced ? resource.Metadata!.NamespaceProperty : null, reference.Name)];
        };
}
