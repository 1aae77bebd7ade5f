using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Controllers;

/// <summary>Filters an informer's changes before they reach a controller's queue. All members default to "pass".</summary>
public class ResourcePredicate<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    public virtual bool Create(T resource) => true;

    public virtual bool Update(T oldResource, T newResource) => true;

    public virtual bool Delete(T resource) => true;
}

/// <summary>The common predicates (controller-runtime's <c>predicate</c> package).</summary>
public static class Predicates
{
    /// <summary>
    /// Passes updates only when <c>metadata.generation</c> changed, i.e. the spec changed (status, label and
    /// finalizer writes don't bump it). Creates and deletes pass.
    /// </summary>
    public static ResourcePredicate<T> GenerationChanged<T>() where T : class, IKubernetesObject<V1ObjectMeta> =>
        new UpdateOnly<T>(static (o, n) => o.Metadata?.Generation != n.Metadata?.Generation);

    /// <summary>Passes updates only when the labels changed.</summary>
    public static ResourcePredicate<T> LabelsChanged<T>() where T : class, IKubernetesObject<V1ObjectMeta> =>
        new UpdateOnly<T>(static (o, n) => !SameMap(o.Metadata?.Labels, n.Metadata?.Labels));

    /// <summary>Passes updates only when the annotations changed.</summary>
    public static ResourcePredicate<T> AnnotationsChanged<T>() where T : class, IKubernetesObject<V1ObjectMeta> =>
        new UpdateOnly<T>(static (o, n) => !SameMap(o.Metadata?.Annotations, n.Metadata?.Annotations));

    /// <summary>Passes when any of <paramref name="predicates"/> passes.</summary>
    public static ResourcePredicate<T> Any<T>(params ResourcePredicate<T>[] predicates) where T : class, IKubernetesObject<V1ObjectMeta> =>
        new Combined<T>(predicates, all: false);

    /// <summary>Passes when all of <paramref name="predicates"/> pass.</summary>
    public static ResourcePredicate<T> All<T>(params ResourcePredicate<T>[] predicates) where T : class, IKubernetesObject<V1ObjectMeta> =>
        new Combined<T>(predicates, all: true);

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
            return false;
        return a is null || a.All(e => b!.TryGetValue(e.Key, out var v) && string.Equals(v, e.Value, StringComparison.Ordinal));
    }

    private sealed class UpdateOnly<T>(Func<T, T, bool> update) : ResourcePredicate<T> where T : class, IKubernetesObject<V1ObjectMeta>
    {
        public override bool Update(T oldResource, T newResource) => update(oldResource, newResource);
    }

    private sealed class Combined<T>(ResourcePredicate<T>[] predicates, bool all) : ResourcePredicate<T> where T : class, IKubernetesObject<V1ObjectMeta>
    {
        public override bool Create(T resource) => Test(p => p.Create(resource));

        public override bool Update(T oldResource, T newResource) => Test(p => p.Update(oldResource, newResource));

        public override bool Delete(T resource) => Test(p => p.Delete(resource));

        private bool Test(Func<ResourcePredicate<T>, bool> test) => all ? predicates.All(test) : predicates.Any(test);
    }
}
