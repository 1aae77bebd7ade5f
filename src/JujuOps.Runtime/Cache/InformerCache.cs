using JujuOps.Runtime.Informers;
using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Cache;

/// <summary>The DI face of a kind's shared cache: asking for it creates (and, once running, starts) the kind's informer.</summary>
internal sealed class InformerCache<T>(SharedInformerFactory informers) : IResourceCache<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ResourceStore<T> _store = informers.GetInformer<T>().Store;

    public bool HasSynced => _store.HasSynced;

    public T? Get(ObjectKey key) => _store.Get(key);

    public T? Get(string? @namespace, string name) => _store.Get(@namespace, name);

    public IReadOnlyList<T> List(string? @namespace = null) => _store.List(@namespace);

    public IReadOnlyList<T> ByIndex(string indexName, string value) => _store.ByIndex(indexName, value);

    public IReadOnlyList<UndecodableObject> Undecodable => _store.Undecodable;

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _store.WaitForSyncAsync(cancellationToken);
}
