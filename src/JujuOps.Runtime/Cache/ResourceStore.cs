using JujuOps.Runtime.Resources;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Cache;

/// <summary>A change the store applied, for the informer to hand to event handlers.</summary>
public readonly record struct StoreChange<T>(T? Old, T? New) where T : class
{
    public bool IsAdd => Old is null && New is not null;
    public bool IsDelete => New is null && Old is not null;
}

/// <summary>
/// The thread-safe object store behind an informer: objects by key plus secondary indexes, under one lock.
/// Reads are frequent and short, so a plain lock is simpler than a reader-writer lock and fast enough.
/// </summary>
public sealed class ResourceStore<T> : IResourceCache<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, IndexState> _indexes = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ResourceStore()
    {
        AddIndex(CacheIndexes.Namespace);
        AddIndex(CacheIndexes.OwnerUid);
    }

    public bool HasSynced => _synced.Task.IsCompleted;

    public int Count
    {
        get
        {
            lock (_lock)
                return _items.Count;
        }
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    internal void MarkSynced() => _synced.TrySetResult();

    /// <summary>Adds an index; existing objects are indexed at once. Adding the same name twice is a no-op.</summary>
    public void AddIndex(CacheIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        lock (_lock)
        {
            if (_indexes.ContainsKey(index.Name))
                return;
            var state = new IndexState(index);
            foreach (var (key, item) in _items)
                state.Add(key, item);
            _indexes.Add(index.Name, state);
        }
    }

    public T? Get(ObjectKey key)
    {
        lock (_lock)
            return _items.GetValueOrDefault(key);
    }

    public T? Get(string? @namespace, string name) => Get(new ObjectKey(string.IsNullOrEmpty(@namespace) ? null : @namespace, name));

    public IReadOnlyList<T> List(string? @namespace = null) =>
        @namespace is null ? Snapshot() : ByIndex(CacheIndexes.NamespaceIndexName, @namespace);

    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(indexName, out var index))
                throw new ArgumentException($"no index '{indexName}' on the {typeof(T).Name} cache; add it with the informer's AddIndex", nameof(indexName));
            return index.Keys(value).Select(k => _items[k]).ToList();
        }
    }

    /// <summary>True when the store already holds <paramref name="key"/> at <paramref name="resourceVersion"/> or newer.</summary>
    public bool HasVersion(ObjectKey key, string? resourceVersion)
    {
        lock (_lock)
            return _items.TryGetValue(key, out var current) && ResourceVersions.IsNotNewer(resourceVersion, current.Metadata.ResourceVersion);
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
            return [.. _items.Values];
    }

    /// <summary>
    /// Puts <paramref name="item"/> in unless the store already holds the same or a newer version of it (our own write
    /// landed first, or an old event arrives late). Returns the change, or null when nothing changed.
    /// </summary>
    public StoreChange<T>? Upsert(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = ObjectKey.Of(item);
        lock (_lock)
        {
            var old = _items.GetValueOrDefault(key);
            if (old is not null && ResourceVersions.IsNotNewer(item.Metadata.ResourceVersion, old.Metadata.ResourceVersion))
                return null;
            SetLocked(key, old, item);
            return new StoreChange<T>(old, item);
        }
    }

    /// <summary>
    /// Removes the object that <paramref name="deleted"/> describes, unless the store holds a newer one under that key
    /// (it was re-created after the delete and we already saw it).
    /// </summary>
    public StoreChange<T>? Delete(T deleted)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        var key = ObjectKey.Of(deleted);
        lock (_lock)
        {
            if (!_items.TryGetValue(key, out var old) || ResourceVersions.IsNewer(old.Metadata.ResourceVersion, deleted.Metadata.ResourceVersion))
                return null;
            RemoveLocked(key, old);
            return new StoreChange<T>(old, null);
        }
    }

    /// <summary>
    /// Replaces the content with a fresh list taken at <paramref name="listResourceVersion"/>. Objects missing from the
    /// list were deleted while we were not watching: they come back as delete changes, so no delete is ever lost.
    /// Objects newer than the list (our own writes after it was taken) are kept.
    /// </summary>
    public IReadOnlyList<StoreChange<T>> Replace(IEnumerable<T> items, string? listResourceVersion)
    {
        ArgumentNullException.ThrowIfNull(items);
        var changes = new List<StoreChange<T>>();
        lock (_lock)
        {
            var seen = new HashSet<ObjectKey>();
            foreach (var item in items)
            {
                var key = ObjectKey.Of(item);
                seen.Add(key);
                var old = _items.GetValueOrDefault(key);
                if (old is not null && ResourceVersions.IsNotNewer(item.Metadata.ResourceVersion, old.Metadata.ResourceVersion))
                    continue;
                SetLocked(key, old, item);
                changes.Add(new StoreChange<T>(old, item));
            }
            foreach (var (key, old) in _items.Where(e => !seen.Contains(e.Key)).ToList())
            {
                if (ResourceVersions.IsNewer(old.Metadata.ResourceVersion, listResourceVersion))
                    continue;
                RemoveLocked(key, old);
                changes.Add(new StoreChange<T>(old, null));
            }
        }
        return changes;
    }

    private void SetLocked(ObjectKey key, T? old, T item)
    {
        foreach (var index in _indexes.Values)
        {
            if (old is not null)
                index.Remove(key, old);
            index.Add(key, item);
        }
        _items[key] = item;
    }

    private void RemoveLocked(ObjectKey key, T old)
    {
        foreach (var index in _indexes.Values)
            index.Remove(key, old);
        _items.Remove(key);
    }

    private sealed class IndexState(CacheIndex index)
    {
        private readonly Dictionary<string, HashSet<ObjectKey>> _byValue = new(StringComparer.Ordinal);

        public HashSet<ObjectKey> Keys(string value) => _byValue.TryGetValue(value, out var keys) ? keys : [];

        public void Add(ObjectKey key, T item)
        {
            foreach (var value in index.Values(item))
            {
                if (!_byValue.TryGetValue(value, out var keys))
                    _byValue[value] = keys = [];
                keys.Add(key);
            }
        }

        public void Remove(ObjectKey key, T item)
        {
            foreach (var value in index.Values(item))
            {
                if (_byValue.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                    _byValue.Remove(value);
            }
        }
    }
}
