using System.Collections.Concurrent;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Resources;
using k8s.Models;

namespace JujuOps.Runtime.Tests.Support;

/// <summary>
/// Instruments reconciles across hosts in one test: counts per host, and detects the two forbidden overlaps —
/// two hosts reconciling at the same instant, and one key reconciled twice at once.
/// </summary>
internal sealed class ReconcileRecorder
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _activeByHost = [];
    private readonly Dictionary<ObjectKey, int> _activeByKey = [];

    public int HostOverlaps { get; private set; }

    public int KeyOverlaps { get; private set; }

    public ConcurrentDictionary<string, int> CountByHost { get; } = new();

    /// <summary>The data value each key had in the cache when it was last reconciled.</summary>
    public ConcurrentDictionary<ObjectKey, string?> LastSeen { get; } = new();

    public int Count(string host) => CountByHost.GetValueOrDefault(host);

    public IDisposable Enter(string host, ObjectKey key)
    {
        lock (_lock)
        {
            if (_activeByHost.Any(h => h.Key != host && h.Value > 0))
                HostOverlaps++;
            _activeByHost[host] = _activeByHost.GetValueOrDefault(host) + 1;
            _activeByKey[key] = _activeByKey.GetValueOrDefault(key) + 1;
            if (_activeByKey[key] > 1)
                KeyOverlaps++;
        }
        CountByHost.AddOrUpdate(host, 1, (_, n) => n + 1);
        return new Exit(this, host, key);
    }

    private sealed class Exit(ReconcileRecorder recorder, string host, ObjectKey key) : IDisposable
    {
        public void Dispose()
        {
            lock (recorder._lock)
            {
                recorder._activeByHost[host]--;
                recorder._activeByKey[key]--;
            }
        }
    }
}

/// <summary>Which test host a reconciler runs in.</summary>
internal sealed record HostName(string Value);

/// <summary>How often the recording reconciler asks to be requeued (null: only on changes).</summary>
internal sealed record RequeueEvery(TimeSpan? Value);

/// <summary>A reconciler that only records: what it saw, when, where.</summary>
internal sealed class RecordingReconciler(ReconcileRecorder recorder, HostName host, RequeueEvery requeue, IResourceCache<V1ConfigMap> cache) : IReconciler<V1ConfigMap>
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        using (recorder.Enter(host.Value, request.Key))
        {
            var current = cache.Get(request.Key);
            // Widen the window in which an overlap would show.
            await Task.Delay(Random.Shared.Next(5, 25), cancellationToken);
            recorder.LastSeen[request.Key] = current?.Data?.TryGetValue("v", out var v) == true ? v : null;
        }
        return requeue.Value is { } every ? ReconcileResult.RequeueAfter(every) : ReconcileResult.Done;
    }
}
