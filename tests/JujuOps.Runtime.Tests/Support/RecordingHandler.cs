using System.Collections.Concurrent;
using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Resources;
using k8s.Models;

namespace JujuOps.Runtime.Tests.Support;

/// <summary>Remembers which objects an informer reported as added and as deleted.</summary>
internal sealed class RecordingHandler<T> : IResourceEventHandler<T> where T : class, IMetadata<V1ObjectMeta>
{
    public ConcurrentDictionary<ObjectKey, int> Added { get; } = new();

    public ConcurrentDictionary<ObjectKey, int> Deleted { get; } = new();

    public void OnAdd(T resource, bool isInInitialList) => Added.AddOrUpdate(ObjectKey.Of(resource), 1, (_, n) => n + 1);

    public void OnUpdate(T oldResource, T newResource)
    {
    }

    public void OnDelete(T resource) => Deleted.AddOrUpdate(ObjectKey.Of(resource), 1, (_, n) => n + 1);
}
