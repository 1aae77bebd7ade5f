namespace JujuOps.Runtime.Queue;

/// <summary>
/// An overall limit on retries (default 10 per second, burst 100) shared by all keys: each call reserves the next
/// token and returns how long until it is available, like Go's <c>rate.Limiter.Reserve</c>.
/// </summary>
public sealed class TokenBucketRateLimiter<TKey> : IRateLimiter<TKey>
{
    private readonly Lock _lock = new();
    private readonly double _perSecond;
    private readonly double _burst;
    private readonly TimeProvider _timeProvider;
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucketRateLimiter(double perSecond, int burst, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _perSecond = perSecond;
        _burst = burst;
        _tokens = burst;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _last = _timeProvider.GetUtcNow();
    }

    public TimeSpan When(TKey key)
    {
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            _tokens = Math.Min(_burst, _tokens + ((now - _last).TotalSeconds * _perSecond));
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
    }

    public int NumRequeues(TKey key) => 0;

    public void Forget(TKey key)
    {
    }
}
