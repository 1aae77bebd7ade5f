namespace JujuOps.Runtime.Queue;

/// <summary>The longest wait of several limiters; the default is per-key backoff combined with the overall bucket.</summary>
public sealed class MaxOfRateLimiter<TKey>(params IRateLimiter<TKey>[] limiters) : IRateLimiter<TKey> where TKey : notnull
{
    public TimeSpan When(TKey key) => limiters.Select(l => l.When(key)).Max();

    public int NumRequeues(TKey key) => limiters.Max(l => l.NumRequeues(key));

    public void Forget(TKey key)
    {
        foreach (var limiter in limiters)
            limiter.Forget(key);
    }
}

/// <summary>Ready-made limiters.</summary>
public static class RateLimiters
{
    /// <summary>client-go's <c>DefaultControllerRateLimiter</c>: max(5 ms → 1000 s per key, 10 qps burst 100).</summary>
    public static IRateLimiter<TKey> Default<TKey>(TimeProvider? timeProvider = null) where TKey : notnull => new MaxOfRateLimiter<TKey>(
        new ExponentialFailureRateLimiter<TKey>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
        new TokenBucketRateLimiter<TKey>(10, 100, timeProvider));
}
