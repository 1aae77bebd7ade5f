namespace JujuOps.Runtime.Informers;

/// <summary>
/// Delay between failed list/watch attempts: starts at the initial delay and doubles up to the cap, with up to 25 %
/// random jitter (never past the cap) so that many clients do not reconnect in step; forgets past failures after a
/// healthy period.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max, TimeSpan resetAfter, TimeProvider timeProvider, Func<double>? random = null)
{
    private const double JitterFraction = 0.25;
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;
    private TimeSpan _current = TimeSpan.Zero;
    private DateTimeOffset _lastFailure = DateTimeOffset.MinValue;

    public TimeSpan Next()
    {
        var now = timeProvider.GetUtcNow();
        if (now - _lastFailure > resetAfter)
            _current = TimeSpan.Zero;
        _lastFailure = now;
        _current = _current == TimeSpan.Zero ? initial : TimeSpan.FromTicks(Math.Min(_current.Ticks * 2, max.Ticks));
        return TimeSpan.FromTicks(Math.Min(max.Ticks, _current.Ticks + (long)(_current.Ticks * JitterFraction * _random())));
    }
}
