using System.Globalization;
using System.Text;
using System.Threading.Channels;
using JujuOps.Runtime.Logging;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace JujuOps.Runtime.Events;

/// <summary>Records Kubernetes Events (events.k8s.io/v1) about objects, for users (<c>kubectl describe</c>).</summary>
public interface IEventRecorder
{
    /// <summary>
    /// Queues an Event about <paramref name="regarding"/>; never blocks and never throws. Events past the rate limit or
    /// a full queue are dropped: they are advisory, logs and conditions carry the facts.
    /// </summary>
    void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string note);
}

public static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}

/// <summary>
/// Writes Events from a bounded queue on a background loop. Rate limit per object and reason like client-go's
/// spam filter: a burst of 25, then one every 5 minutes. The Event goes into the object's own namespace
/// (<c>regarding</c> in another namespace is rejected with 422), or <see cref="ClusterScopedNamespace"/> for
/// cluster-scoped objects.
/// </summary>
public sealed class EventRecorder : IEventRecorder, IAsyncDisposable
{
    private const int QueueCapacity = 1000;
    private const int Burst = 25;
    private const int MaxBuckets = 10_000;
    private const int MaxNameLength = 253;
    private const int MaxNoteBytes = 1024;
    private static readonly TimeSpan RefillEvery = TimeSpan.FromMinutes(5);

    private readonly IKubernetes _kubernetes;
    private readonly string _controller;
    private readonly string _instance;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<Eventsv1Event> _queue = Channel.CreateBounded<Eventsv1Event>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<string, (double Tokens, DateTimeOffset Last)> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public EventRecorder(IKubernetes kubernetes, string reportingController, string reportingInstance, ILogger<EventRecorder> logger, TimeProvider? timeProvider = null)
    {
        _kubernetes = kubernetes;
        _controller = reportingController;
        _instance = reportingInstance;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        // Not in the creator's execution context: the loop would otherwise carry the logging scope of whichever
        // reconcile created the recorder, and label every line it logs with that object.
        using (ExecutionContext.SuppressFlow())
            _loop = Task.Run(() => WriteLoopAsync(_stop.Token));
    }

    /// <summary>
    /// Where Events about cluster-scoped objects go. An events.k8s.io/v1 Event has an eventTime, and for such Events
    /// the API server (1.20 and later) accepts a cluster-scoped <c>regarding</c> only in <c>kube-system</c>; newer
    /// servers also take <c>default</c>, older-style core Events only <c>default</c>.
    /// </summary>
    public const string ClusterScopedNamespace = "kube-system";

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string note)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        var metadata = regarding.Metadata;
        if (!Allow(metadata.Uid + "/" + reason))
        {
            RuntimeLog.EventDropped(_logger, reason, metadata.Name);
            return;
        }
        var now = _timeProvider.GetUtcNow();
        var ns = string.IsNullOrEmpty(metadata.NamespaceProperty) ? ClusterScopedNamespace : metadata.NamespaceProperty;
        var name = EventName(metadata.Name, now);
        var @event = new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            EventTime = now.UtcDateTime,
            Type = type,
            Reason = reason,
            Action = action,
            Note = Note(note),
            ReportingController = _controller,
            ReportingInstance = _instance,
            Regarding = new V1ObjectReference
            {
                ApiVersion = regarding.ApiVersion, Kind = regarding.Kind, Name = metadata.Name,
                NamespaceProperty = metadata.NamespaceProperty, Uid = metadata.Uid, ResourceVersion = metadata.ResourceVersion,
            },
        };
        if (!_queue.Writer.TryWrite(@event))
            RuntimeLog.EventDropped(_logger, reason, metadata.Name);
    }

    /// <summary>
    /// <c>&lt;object&gt;.&lt;time&gt;&lt;random&gt;</c>, like client-go's, with the object's part cut so that the whole stays
    /// within the 253 characters of a name (a long object name must not cost its Events).
    /// </summary>
    internal static string EventName(string objectName, DateTimeOffset now)
    {
        var suffix = "." + now.ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture) + Random.Shared.Next(0x1000).ToString("x3", CultureInfo.InvariantCulture);
        var keep = Math.Min(objectName.Length, MaxNameLength - suffix.Length);
        // A cut name may end in '-' or '.', which the name grammar allows only between alphanumerics.
        return objectName[..keep].TrimEnd('-', '.') + suffix;
    }

    /// <summary>The note cut to the API's 1 KiB (counted in UTF-8 bytes), never inside a character.</summary>
    internal static string Note(string note)
    {
        if (Encoding.UTF8.GetByteCount(note) <= MaxNoteBytes)
            return note;
        var bytes = 0;
        var end = 0;
        foreach (var rune in note.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxNoteBytes - 3)
                break;
            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }

        return string.Concat(note.AsSpan(0, end), "...");
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private bool Allow(string bucketKey)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            var (tokens, last) = _buckets.TryGetValue(bucketKey, out var bucket) ? bucket : (Burst, now);
            tokens = Math.Min(Burst, tokens + ((now - last) / RefillEvery));
            if (tokens < 1)
                return false;
            _buckets[bucketKey] = (tokens - 1, now);
            if (_buckets.Count > MaxBuckets)
                PruneFullBucketsLocked(now);
            return true;
        }
    }

    // A bucket idle long enough to be full again says nothing: drop it so the map stays bounded.
    private void PruneFullBucketsLocked(DateTimeOffset now)
    {
        foreach (var key in _buckets.Where(b => now - b.Value.Last > RefillEvery * Burst).Select(b => b.Key).ToList())
            _buckets.Remove(key);
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var @event in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await _kubernetes.EventsV1.CreateNamespacedEventAsync(@event, @event.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    RuntimeLog.EventFailed(_logger, @event.Reason, @event.Regarding.Name, e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
