namespace JujuOps.Runtime.Queue;

/// <summary>Per-key exponential backoff: <c>baseDelay * 2^failures</c>, capped (default 5 ms … 1000 s).</summary>
public sealed class ExponentialFailureRateLimiter<TKey>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<TKey> where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, int> _failures = [];

    public TimeSpan When(TKey key)
    {
        int exponent;
        lock (_lock)
        {
            exponent = _failures.GetValueOrDefault(key);
            _failures[key] = exponent + 1;
        }
        // 2^exponent overflows long ticks past ~2^40; anything that large is the cap anyway.
        var ticks = exponent >= 40 ? double.MaxValue : baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public int NumRequeues(TKey key)
    {
        lock (_lock)
            return _failures.GetValueOrDefault(key);
    }

    public void Forget(TKey key)
    {
        lock (_lock)
            _failures.Remove(key);
    }
}
