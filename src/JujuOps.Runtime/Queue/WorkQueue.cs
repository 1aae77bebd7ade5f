using JujuOps.Runtime.Metrics;

namespace JujuOps.Runtime.Queue;

/// <summary>
/// client-go's rate-limited work queue of keys. A key waiting in the queue is "dirty"; a key handed to a worker is
/// "processing". Adding a dirty key does nothing (bursts collapse into one reconcile); adding a processing key only
/// marks it dirty, and <see cref="Done"/> puts it back — so no key is ever handed to two workers at once, and changes
/// during a reconcile are never lost. Delayed adds (requeue-after, backoff) wait in a heap driven by one timer; a later
/// event never cancels them.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, DateTimeOffset> _enqueuedAt = [];
    private readonly Dictionary<TKey, DateTimeOffset> _startedAt = [];
    private readonly PriorityQueue<TKey, DateTimeOffset> _waiting = new();
    private readonly Dictionary<TKey, DateTimeOffset> _readyAt = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly IRateLimiter<TKey> _rateLimiter;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;
    private readonly WorkQueueMetrics _metrics;
    private DateTimeOffset _timerDue = DateTimeOffset.MaxValue;

    public WorkQueue(string name, IRateLimiter<TKey>? rateLimiter = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _rateLimiter = rateLimiter ?? RateLimiters.Default<TKey>(_timeProvider);
        _metrics = new WorkQueueMetrics(name);
        _timer = _timeProvider.CreateTimer(static state => ((WorkQueue<TKey>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Name { get; }

    /// <summary>Keys ready for a worker (not counting delayed or processing ones).</summary>
    public int Length
    {
        get
        {
            lock (_lock)
                return _queue.Count;
        }
    }

    public bool IsShuttingDown => _shutdown.IsCancellationRequested;

    public void Add(TKey key)
    {
        lock (_lock)
        {
            if (_shutdown.IsCancellationRequested || !_dirty.Add(key))
                return;
            _metrics.Added();
            _enqueuedAt[key] = _timeProvider.GetUtcNow();
            if (_processing.Contains(key))
                return;
            _queue.Enqueue(key);
            _metrics.Depth(_queue.Count);
        }
        _available.Release();
    }

    /// <summary>Adds <paramref name="key"/> once <paramref name="delay"/> has passed; an earlier pending time for it wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (_lock)
        {
            if (_shutdown.IsCancellationRequested)
                return;
            var ready = _timeProvider.GetUtcNow() + delay;
            if (_readyAt.TryGetValue(key, out var pending) && pending <= ready)
                return;
            _readyAt[key] = ready;
            _waiting.Enqueue(key, ready);
            ArmTimerLocked();
        }
    }

    /// <summary>Adds <paramref name="key"/> after its rate-limited backoff (a retry after a failure).</summary>
    public void AddRateLimited(TKey key)
    {
        _metrics.Retried();
        AddAfter(key, _rateLimiter.When(key));
    }

    /// <summary>Forgets <paramref name="key"/>'s failures: the next failure starts its backoff from the beginning.</summary>
    public void Forget(TKey key) => _rateLimiter.Forget(key);

    public int NumRequeues(TKey key) => _rateLimiter.NumRequeues(key);

    /// <summary>Waits for a key and marks it processing; <c>Ok</c> is false once the queue shuts down. Call <see cref="Done"/> after.</summary>
    public async Task<(bool Ok, TKey Key)> GetAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        try
        {
            await _available.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            return (false, default!);
        }
        lock (_lock)
        {
            if (!_queue.TryDequeue(out var key))
                return (false, default!);
            _processing.Add(key);
            _dirty.Remove(key);
            var now = _timeProvider.GetUtcNow();
            if (_enqueuedAt.Remove(key, out var enqueued))
                _metrics.Waited(now - enqueued);
            _startedAt[key] = now;
            _metrics.Depth(_queue.Count);
            return (true, key);
        }
    }

    /// <summary>Ends the processing of <paramref name="key"/>; if it was added meanwhile, it goes back into the queue.</summary>
    public void Done(TKey key)
    {
        var requeued = false;
        lock (_lock)
        {
            _processing.Remove(key);
            if (_startedAt.Remove(key, out var started))
                _metrics.Worked(_timeProvider.GetUtcNow() - started);
            if (_dirty.Contains(key) && !_shutdown.IsCancellationRequested)
            {
                _queue.Enqueue(key);
                _metrics.Depth(_queue.Count);
                requeued = true;
            }
        }
        if (requeued)
            _available.Release();
    }

    /// <summary>Stops handing out keys; waiting <see cref="GetAsync"/> calls return null.</summary>
    public void ShutDown() => _shutdown.Cancel();

    public void Dispose()
    {
        _shutdown.Cancel();
        _timer.Dispose();
        _available.Dispose();
        _shutdown.Dispose();
    }

    private void OnTimer()
    {
        var ready = new List<TKey>();
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            _timerDue = DateTimeOffset.MaxValue;
            while (_waiting.TryPeek(out var key, out var at) && at <= now)
            {
                _waiting.Dequeue();
                // A heap entry is stale when the key was re-armed for an earlier time that already fired.
                if (_readyAt.TryGetValue(key, out var current) && current == at)
                {
                    _readyAt.Remove(key);
                    ready.Add(key);
                }
            }
            ArmTimerLocked();
        }
        foreach (var key in ready)
            Add(key);
    }

    private void ArmTimerLocked()
    {
        while (_waiting.TryPeek(out var key, out var at) && (!_readyAt.TryGetValue(key, out var current) || current != at))
            _waiting.Dequeue();
        if (!_waiting.TryPeek(out _, out var next) || next >= _timerDue)
            return;
        _timerDue = next;
        var due = next - _timeProvider.GetUtcNow();
        _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }
}
