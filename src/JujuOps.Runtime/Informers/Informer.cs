using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Logging;
using JujuOps.Runtime.Metrics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace JujuOps.Runtime.Informers;

/// <summary>The kind-independent face of an informer, for the host and the health checks.</summary>
public interface IInformer
{
    string Name { get; }

    bool HasSynced { get; }

    /// <summary>True while the list/watch loop runs (it only ends on shutdown).</summary>
    bool IsRunning { get; }

    /// <summary>
    /// Since when the list/watch loop has failed without any progress in between (a failed list or watch, a stream the
    /// watchdog abandoned); null while it works.
    /// </summary>
    DateTimeOffset? FailingSince { get; }

    /// <summary>Failures since the last progress.</summary>
    int ConsecutiveFailures { get; }

    /// <summary>Objects the server holds that do not decode into the kind's type; the cache holds no copy of them.</summary>
    IReadOnlyList<UndecodableObject> Undecodable { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One shared list+watch loop and cache per kind (client-go's reflector + store): a paged list, then a watch from the
/// list's resourceVersion with bookmarks and a random 5-10 min server timeout; the resourceVersion advances with every
/// event; a 410 makes it relist, and the relist reports objects that vanished as deletes; failures back off
/// 0.8 s → 30 s; a watchdog abandons a stream that outlives its server timeout (a stopped peer sends no FIN).
/// </summary>
public sealed class Informer<T> : IInformer where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan VeryShortWatch = TimeSpan.FromSeconds(1);

    private readonly ResourceApi<T> _api;
    private readonly InformerOptions _options;
    private readonly string? _namespace;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Backoff _backoff;
    private readonly Prometheus.Gauge.Child _cachedObjects;
    private readonly Lock _handlersLock = new();
    private IResourceEventHandler<T>[] _handlers = [];
    private int _running;
    private int _listCount;
    private int _expiredCount;
    private int _watchdogCount;
    private int _consecutiveFailures;
    private long _failingSinceTicks = NotFailing;
    private const long NotFailing = long.MinValue;

    public Informer(ResourceApi<T> api, InformerOptions options, ILogger<Informer<T>> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _backoff = new Backoff(options.InitialBackoff, options.MaxBackoff, options.BackoffReset, _timeProvider);
        Name = api.Descriptor.Plural + (api.Descriptor.Group.Length == 0 ? "" : "." + api.Descriptor.Group);
        LabelSelector = options.LabelSelectorOf(typeof(T));
        _namespace = options.NamespaceOf(typeof(T));
        _cachedObjects = RuntimeMetrics.InformerCachedObjects.WithLabels(Name);
    }

    public string Name { get; }

    /// <summary>The objects this informer lists, watches and caches (<see cref="InformerOptions.SelectLabels{T}"/>); null: all.</summary>
    public string? LabelSelector { get; }

    /// <summary>The cache this informer fills; <see cref="ResourceClient{T}"/> also writes its results here.</summary>
    public ResourceStore<T> Store { get; } = new();

    public bool HasSynced => Store.HasSynced;

    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>The resourceVersion the next watch would start from (for tests and diagnostics).</summary>
    public string? LastSyncResourceVersion { get; private set; }

    /// <summary>How often the loop listed (the first list included), and how many of those a 410 forced.</summary>
    public int ListCount => _listCount;

    public int ExpiredCount => _expiredCount;

    /// <summary>How often the watchdog abandoned a silent stream.</summary>
    public int WatchdogCount => _watchdogCount;

    public DateTimeOffset? FailingSince =>
        Interlocked.Read(ref _failingSinceTicks) is var ticks && ticks == NotFailing ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    public IReadOnlyList<UndecodableObject> Undecodable => Store.Undecodable;

    /// <summary>Adds an index to the cache (before or after start).</summary>
    public void AddIndex(CacheIndex index) => Store.AddIndex(index);

    /// <summary>Adds a handler. Objects already in the cache are replayed to it as adds.</summary>
    public void AddEventHandler(IResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_handlersLock)
        {
            _handlers = [.. _handlers, handler];
            foreach (var item in Store.Snapshot())
                handler.OnAdd(item, isInInitialList: true);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
            throw new InvalidOperationException($"informer {Name} is already running");
        try
        {
            await LoopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAsync(cancellationToken).ConfigureAwait(false);
                resourceVersion = await WatchAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (ApiErrors.IsExpired(e))
            {
                // The server no longer has history from our resourceVersion: only a fresh list can tell what changed.
                Interlocked.Increment(ref _expiredCount);
                RuntimeLog.WatchExpired(_logger, Name, resourceVersion);
                resourceVersion = null;
            }
            catch (Exception e)
            {
                Failed(_timeProvider.GetUtcNow());
                var delay = _backoff.Next();
                RuntimeLog.ListWatchFailed(_logger, Name, delay, e);
                await Delays.QuietlyAsync(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Lists everything page by page, replaces the cache with it and returns the list's resourceVersion.</summary>
    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listCount);
        var items = new List<T>();
        var undecodable = new List<UndecodableObject>();
        string? continueToken = null;
        string? listVersion;
        do
        {
            using var pageCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            pageCts.CancelAfter(_options.ListPageTimeout);
            var page = await _api.ListRawPageAsync(_namespace, LabelSelector, _options.PageSize, continueToken, pageCts.Token).ConfigureAwait(false);
            // One by one: an item that does not fit T is skipped and reported, the rest of the list still counts.
            foreach (var element in page.Items)
            {
                if (WatchPayload.TryDecode<T>(element, out var item, out var error))
                    items.Add(item);
                else if (WatchPayload.TryReadIdentity(element, out var key, out var version))
                    undecodable.Add(new UndecodableObject(key, version, error));
                else
                    RuntimeLog.UnidentifiableItem(_logger, Name, error);
            }
            continueToken = page.Continue;
            listVersion = page.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        if (string.IsNullOrEmpty(listVersion))
            throw new InvalidOperationException($"the list of {Name} carried no resourceVersion");
        var initial = !Store.HasSynced;
        foreach (var mark in undecodable.Where(m => !Store.IsUndecodable(m.Key, m.ResourceVersion)))
            ReportUndecodable(mark);
        var recovered = Store.Undecodable.Where(m => !undecodable.Any(u => u.Key == m.Key)).ToList();
        Notify(Store.Replace(items, listVersion, undecodable), initial);
        UpdateCachedGauge();
        foreach (var mark in recovered)
            RuntimeLog.Decodable(_logger, Name, mark.Key.Namespace, mark.Key.Name, listVersion);
        UpdateUndecodableGauge();
        Store.MarkSynced();
        Progressed();
        LastSyncResourceVersion = listVersion;
        RuntimeLog.Listed(_logger, Name, items.Count, listVersion);
        return listVersion;
    }

    /// <summary>
    /// Watches from <paramref name="resourceVersion"/> until the server ends the stream or the watchdog gives up on it;
    /// returns the resourceVersion to continue from. A 410 is thrown as <see cref="KubernetesException"/>.
    /// </summary>
    private async Task<string> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var timeout = RandomWatchTimeout();
        using var watchCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchCts.CancelAfter(timeout + _options.WatchdogGrace);
        KubernetesException? statusError = null;
        var started = _timeProvider.GetUtcNow();
        var events = 0;
        try
        {
            var stream = _api.WatchAsync(_namespace, LabelSelector, resourceVersion, (int)timeout.TotalSeconds,
                e =>
                {
                    if (e is KubernetesException status)
                        statusError ??= status;
                    else
                        RuntimeLog.BadWatchEvent(_logger, Name, e);
                }, watchCts.Token);
            await foreach (var (type, payload) in stream.ConfigureAwait(false))
            {
                if (events++ == 0)
                    Progressed();
                resourceVersion = Apply(type, payload) ?? resourceVersion;
                LastSyncResourceVersion = resourceVersion;
            }
        }
        catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
        {
            // KubernetesClient reports the server closing the stream (at its timeout, or when it drops watches on a
            // restart) as a read past the end. That is a watch's normal end, as client-go treats an unexpected EOF:
            // counting it as a failure would leave an informer whose kind sees no events "failing" until its next
            // watch ends, and the operator unready with it. A stream that ends at once still fails below.
            RuntimeLog.WatchClosed(_logger, Name, resourceVersion);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The server should have ended the stream at its timeout: that is when the failure began.
            Failed(started + timeout);
            Interlocked.Increment(ref _watchdogCount);
            RuntimeLog.WatchSilent(_logger, Name, timeout + _options.WatchdogGrace);
            return resourceVersion;
        }

        if (statusError is not null)
            throw statusError;
        if (events == 0 && _timeProvider.GetUtcNow() - started < VeryShortWatch)
            throw new InvalidOperationException($"the watch of {Name} ended at once without events (very short watch)");
        Progressed();
        return resourceVersion;
    }

    /// <summary>
    /// Applies one event to the cache and returns its resourceVersion. An object that does not decode is skipped and
    /// reported (<see cref="ReportUndecodable"/>), never thrown: the stream, and every other object, go on.
    /// </summary>
    private string? Apply(WatchEventType type, object payload)
    {
        RuntimeMetrics.InformerEvents.WithLabels(Name, type.ToString()).Inc();
        if (type is WatchEventType.Bookmark)
        {
            var bookmark = WatchPayload.ReadResourceVersion(payload);
            Store.Advance(bookmark);
            return bookmark;
        }
        if (!WatchPayload.TryReadIdentity(payload, out var key, out var version))
        {
            RuntimeLog.UnidentifiableItem(_logger, Name, "a watch event without metadata.name");
            return null;
        }
        if (type is WatchEventType.Added or WatchEventType.Modified && Store.HasVersion(key, version))
        {
            Store.Advance(version);
            return version;
        }
        var wasUndecodable = Store.UndecodableCount > 0 && Store.IsUndecodable(key);
        WatchPayload.TryDecode<T>(payload, out var resource, out var error);
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified when resource is null:
                ReportUndecodable(new UndecodableObject(key, version, error ?? "undecodable"));
                break;
            case WatchEventType.Added:
            case WatchEventType.Modified:
                if (Store.Upsert(resource!) is { } change)
                    Notify([change], initial: false);
                break;
            case WatchEventType.Deleted:
                // By key and version: the final state of an object we could not read does not decode either.
                if (Store.Delete(key, version) is { } deletion)
                    Notify([deletion], initial: false);
                break;
            default:
                break;
        }
        if (wasUndecodable && !Store.IsUndecodable(key))
        {
            RuntimeLog.Decodable(_logger, Name, key.Namespace, key.Name, version);
            UpdateUndecodableGauge();
        }
        Store.Advance(version);
        return version;
    }

    /// <summary>
    /// Counts, logs (once per object version: a relist of the same version says nothing new) and records an object that
    /// does not decode; an older readable copy leaves the cache, and handlers hear of it as a delete.
    /// </summary>
    private void ReportUndecodable(UndecodableObject undecodable)
    {
        var (removed, isNew) = Store.MarkUndecodable(undecodable);
        if (isNew)
        {
            RuntimeMetrics.InformerDecodeErrors.WithLabels(Name).Inc();
            RuntimeLog.Undecodable(_logger, Name, undecodable.Key.Namespace, undecodable.Key.Name, undecodable.ResourceVersion, undecodable.Error);
        }
        if (removed is { } change)
            Notify([change], initial: false);
        UpdateUndecodableGauge();
    }

    private void UpdateCachedGauge() => _cachedObjects.Set(Store.Count);

    private void UpdateUndecodableGauge() => RuntimeMetrics.InformerUndecodableObjects.WithLabels(Name).Set(Store.UndecodableCount);

    private void Progressed()
    {
        Volatile.Write(ref _consecutiveFailures, 0);
        Interlocked.Exchange(ref _failingSinceTicks, NotFailing);
    }

    private void Failed(DateTimeOffset since)
    {
        Interlocked.Increment(ref _consecutiveFailures);
        Interlocked.CompareExchange(ref _failingSinceTicks, since.UtcTicks, NotFailing);
        RuntimeMetrics.InformerListWatchFailures.WithLabels(Name).Inc();
    }

    private void Notify(IReadOnlyList<StoreChange<T>> changes, bool initial)
    {
        if (changes.Count == 0)
            return;
        UpdateCachedGauge();
        IResourceEventHandler<T>[] handlers;
        lock (_handlersLock)
            handlers = _handlers;
        foreach (var change in changes)
        {
            foreach (var handler in handlers)
            {
                if (change.Old is null)
                    handler.OnAdd(change.New!, initial);
                else if (change.New is null)
                    handler.OnDelete(change.Old);
                else
                    handler.OnUpdate(change.Old, change.New);
            }
        }
    }

    private TimeSpan RandomWatchTimeout()
    {
        var min = _options.MinWatchTimeout.TotalSeconds;
        var max = _options.MaxWatchTimeout.TotalSeconds;
        return TimeSpan.FromSeconds(Math.Floor(min + (Random.Shared.NextDouble() * (max - min))));
    }
}
