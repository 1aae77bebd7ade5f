namespace JujuOps.Runtime.Queue;

/// <summary>Decides how long a failed key waits before its next attempt (client-go's workqueue rate limiters).</summary>
public interface IRateLimiter<in TKey>
{
    /// <summary>Records one more failure of <paramref name="key"/> and returns how long it must wait.</summary>
    TimeSpan When(TKey key);

    /// <summary>How many failures of <paramref name="key"/> are on record.</summary>
    int NumRequeues(TKey key);

    /// <summary>Clears <paramref name="key"/>'s failures (after a success).</summary>
    void Forget(TKey key);
}
