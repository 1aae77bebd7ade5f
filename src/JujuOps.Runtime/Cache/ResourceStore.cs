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
/// <remarks>
/// The rule every entry point keeps: <b>the store never believes in an object the server has deleted</b>, whatever
/// order watch events and write answers (read-after-write) arrive in.
/// <list type="bullet">
/// <item>Newer wins: an event or write never replaces a newer resourceVersion with an older one.</item>
/// <item>The store knows the resourceVersion up to which it has seen every change of its kind (the list's, then each
/// watch event's and bookmark's, see <see cref="Advance"/>). An object it does not hold, at or below that version, was
/// deleted since: a late write answer or live read for it is refused instead of resurrecting it.</item>
/// <item>An object being deleted with no finalizer left (and no grace period) is gone on the server the moment that
/// answer was written: it is removed, not stored, and the watch's delete (or the next relist) still tells the
/// handlers.</item>
/// <item>An object that cannot be decoded (<see cref="MarkUndecodable"/>) drops any older copy; only its key stays,
/// in <see cref="Undecodable"/>, until a readable version or its delete arrives.</item>
/// <item>A relist (<see cref="Replace(IEnumerable{T}, string?, IEnumerable{UndecodableObject}?)"/>) settles
/// everything: objects, undecodable keys and pending deletes.</item>
/// </list>
/// </remarks>
public sealed class ResourceStore<T> : IResourceCache<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, IndexState> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, UndecodableObject> _undecodable = [];
    // Removed by a write answer that finished their deletion; their delete event (or a relist) reports them.
    private readonly Dictionary<ObjectKey, T> _pendingDeletes = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _seenVersion;

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

    /// <summary>The resourceVersion up to which the store has seen every change (null before the first list).</summary>
    public string? SeenResourceVersion
    {
        get
        {
            lock (_lock)
                return _seenVersion;
        }
    }

    public IReadOnlyList<UndecodableObject> Undecodable
    {
        get
        {
            lock (_lock)
                return [.. _undecodable.Values];
        }
    }

    public int UndecodableCount
    {
        get
        {
            lock (_lock)
                return _undecodable.Count;
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

    /// <summary>True when <paramref name="key"/> is known to be undecodable (at <paramref name="resourceVersion"/>, if given).</summary>
    public bool IsUndecodable(ObjectKey key, string? resourceVersion = null)
    {
        lock (_lock)
            return _undecodable.TryGetValue(key, out var known) && (resourceVersion is null || known.ResourceVersion == resourceVersion);
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
            return [.. _items.Values];
    }

    /// <summary>
    /// Puts <paramref name="item"/> in (a watch event, a write answer, a live read), unless the store knows better: it
    /// holds the same or a newer version (our own write landed first, or an old event arrives late), or it has seen
    /// every change up to a version at least as new and the object is not among them (deleted since). An item whose
    /// deletion is finished is removed instead (see <see cref="Deletions.IsFinished"/>). Returns the change, or null when
    /// nothing changed for handlers to hear about.
    /// </summary>
    public StoreChange<T>? Upsert(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = ObjectKey.Of(item);
        var version = item.Metadata.ResourceVersion;
        lock (_lock)
        {
            var old = _items.GetValueOrDefault(key);
            if (Deletions.IsFinished(item))
            {
                // The answer that finished a deletion can carry the resourceVersion the object had before it (the
                // server deletes rather than updates): only a newer copy, a re-creation, stays.
                if (old is null || ResourceVersions.IsNewer(old.Metadata.ResourceVersion, version))
                    return null;
                RemoveLocked(key, old);
                _pendingDeletes[key] = item;
                return new StoreChange<T>(old, null);
            }
            if (old is not null && ResourceVersions.IsNotNewer(version, old.Metadata.ResourceVersion))
                return null;
            if (old is null && IsKnownGoneLocked(key, version))
                return null;
            _pendingDeletes.Remove(key);
            _undecodable.Remove(key);
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
        return Delete(ObjectKey.Of(deleted), deleted.Metadata.ResourceVersion);
    }

    /// <summary>
    /// A delete known by key and version only (the final state may not decode). Also ends an undecodable mark and a
    /// pending delete; the latter is reported to handlers now, with the last state our write saw.
    /// </summary>
    public StoreChange<T>? Delete(ObjectKey key, string? resourceVersion)
    {
        lock (_lock)
        {
            if (_undecodable.TryGetValue(key, out var mark) && !ResourceVersions.IsNewer(mark.ResourceVersion, resourceVersion))
                _undecodable.Remove(key);
            if (_items.TryGetValue(key, out var old))
            {
                if (ResourceVersions.IsNewer(old.Metadata.ResourceVersion, resourceVersion))
                    return null;
                RemoveLocked(key, old);
                return new StoreChange<T>(old, null);
            }
            return _pendingDeletes.Remove(key, out var pending) ? new StoreChange<T>(pending, null) : null;
        }
    }

    /// <summary>
    /// Records that <paramref name="undecodable"/>'s key, at its version, cannot be decoded: any older copy leaves the
    /// store (returned as a delete for handlers: reconcilers then see the object as absent, which must mean "nothing to
    /// do", never "clean up") and the key stays listed in <see cref="Undecodable"/>. <c>IsNew</c> is false when this
    /// version was already known (a relist), so it is reported once; a copy newer than it leaves the store unchanged.
    /// </summary>
    public (StoreChange<T>? Removed, bool IsNew) MarkUndecodable(UndecodableObject undecodable)
    {
        ArgumentNullException.ThrowIfNull(undecodable);
        lock (_lock)
            return MarkUndecodableLocked(undecodable);
    }

    /// <summary>
    /// Advances the version up to which the store has seen every change: after each watch event or bookmark. The
    /// informer calls it; it never goes back.
    /// </summary>
    public void Advance(string? resourceVersion)
    {
        if (resourceVersion is null)
            return;
        lock (_lock)
        {
            if (_seenVersion is null || ResourceVersions.IsNewer(resourceVersion, _seenVersion))
                _seenVersion = resourceVersion;
        }
    }

    /// <summary>Replaces the content with a fresh list of decodable objects (see the three-argument overload).</summary>
    public IReadOnlyList<StoreChange<T>> Replace(IEnumerable<T> items, string? listResourceVersion) => Replace(items, listResourceVersion, null);

    /// <summary>
    /// Replaces the content with a fresh list taken at <paramref name="listResourceVersion"/>. Objects missing from the
    /// list were deleted while we were not watching: they come back as delete changes, so no delete is ever lost.
    /// Objects newer than the list (our own writes after it was taken) are kept. Items of the list that could not be
    /// decoded (<paramref name="undecodable"/>) are marked as with <see cref="MarkUndecodable"/>; marks and pending
    /// deletes of keys the list no longer has end.
    /// </summary>
    public IReadOnlyList<StoreChange<T>> Replace(IEnumerable<T> items, string? listResourceVersion, IEnumerable<UndecodableObject>? undecodable)
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
                _undecodable.Remove(key);
                _pendingDeletes.Remove(key);
                var old = _items.GetValueOrDefault(key);
                if (old is not null && ResourceVersions.IsNotNewer(item.Metadata.ResourceVersion, old.Metadata.ResourceVersion))
                    continue;
                SetLocked(key, old, item);
                changes.Add(new StoreChange<T>(old, item));
            }
            foreach (var mark in undecodable ?? [])
            {
                seen.Add(mark.Key);
                _pendingDeletes.Remove(mark.Key);
                if (MarkUndecodableLocked(mark).Removed is { } removed)
                    changes.Add(removed);
            }
            foreach (var (key, old) in _items.Where(e => !seen.Contains(e.Key)).ToList())
            {
                if (ResourceVersions.IsNewer(old.Metadata.ResourceVersion, listResourceVersion))
                    continue;
                RemoveLocked(key, old);
                changes.Add(new StoreChange<T>(old, null));
            }
            foreach (var key in _undecodable.Keys.Where(k => !seen.Contains(k)).ToList())
                _undecodable.Remove(key);
            foreach (var (key, pending) in _pendingDeletes.Where(e => !seen.Contains(e.Key)).ToList())
            {
                if (ResourceVersions.IsNewer(pending.Metadata.ResourceVersion, listResourceVersion))
                    continue;
                _pendingDeletes.Remove(key);
                changes.Add(new StoreChange<T>(pending, null));
            }
            if (listResourceVersion is not null)
                _seenVersion = listResourceVersion;
        }
        return changes;
    }

    private (StoreChange<T>? Removed, bool IsNew) MarkUndecodableLocked(UndecodableObject undecodable)
    {
        var key = undecodable.Key;
        var old = _items.GetValueOrDefault(key);
        if (old is not null && ResourceVersions.IsNewer(old.Metadata.ResourceVersion, undecodable.ResourceVersion))
            return (null, false);
        var isNew = !_undecodable.TryGetValue(key, out var known) || known.ResourceVersion != undecodable.ResourceVersion;
        _undecodable[key] = undecodable;
        if (old is null)
            return (null, isNew);
        RemoveLocked(key, old);
        return (new StoreChange<T>(old, null), isNew);
    }

    /// <summary>
    /// An object the store does not hold is known to be gone (or unreadable) at <paramref name="version"/> when the
    /// store has seen every change up to a version at least that new, or holds a mark or pending delete that new.
    /// </summary>
    private bool IsKnownGoneLocked(ObjectKey key, string? version) =>
        ResourceVersions.IsNotNewer(version, _seenVersion)
        || (_undecodable.TryGetValue(key, out var mark) && ResourceVersions.IsNotNewer(version, mark.ResourceVersion))
        || (_pendingDeletes.TryGetValue(key, out var pending) && ResourceVersions.IsNotNewer(version, pending.Metadata.ResourceVersion));

    private void SetLocked(ObjectKey key, T? old, T item)
    {
        CachedForm.Trim(item);
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
